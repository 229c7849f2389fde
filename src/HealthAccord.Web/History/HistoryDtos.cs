using System.Text.Json.Nodes;
using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

public sealed record ChangeActorDto(string Id, string Name);

/// <summary>What one change did to one record, with its changed fields in words and where the record is (or was) in the API.</summary>
public sealed record RecordChangeDto(RecordType RecordType, int RecordId, string Label, ChangeKind Kind, string Url, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// A change set in a list: who, when, from where, and the records it changed. <c>recordCount</c> counts them all;
/// <c>records</c> lists at most 50, and in a filtered list only those matching the filter. <c>revertOf</c> names the
/// change this one reverted, <c>revertedBy</c> the later changes that reverted this one.
/// </summary>
public sealed record ChangeSetDto(long Id, DateTime At, ChangeActorDto Actor, ChangeSource Source, string Summary, long? RevertOf,
    IReadOnlyList<long> RevertedBy, int RecordCount, IReadOnlyList<RecordChangeDto> Records);

/// <summary>A record's state before and after a change, in the registry export's record shape.</summary>
public sealed record RecordChangeDetail(RecordType RecordType, int RecordId, string Label, ChangeKind Kind, string Url, IReadOnlyList<FieldChange> Fields,
    JsonObject? Before, JsonObject? After);

/// <summary>One change set with every record it changed, each with its full before and after state.</summary>
public sealed record ChangeSetDetail(long Id, DateTime At, ChangeActorDto Actor, ChangeSource Source, string Summary, long? RevertOf,
    IReadOnlyList<long> RevertedBy, IReadOnlyList<RecordChangeDetail> Records);

/// <summary>A change set as one CSV row; the records it changed are summarised in one column.</summary>
public sealed record ChangeSetCsvRow(long Id, DateTime At, string ActorId, string ActorName, string Source, string Summary, long? RevertOf, int RecordCount,
    string Records)
{
    public static ChangeSetCsvRow From(ChangeSetDto c) => new(c.Id, c.At, c.Actor.Id, c.Actor.Name, Shared.EnumValues.Spell(c.Source), c.Summary,
        c.RevertOf, c.RecordCount,
        string.Join("; ", c.Records.Select(r => $"{ChangeSummaries.Verb(r.Kind).ToLowerInvariant()} {ChangeSummaries.Word(r.RecordType)} {r.Label}")));
}
