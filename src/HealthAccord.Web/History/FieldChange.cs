using System.Text.Json;

namespace HealthAccord.Web.History;

/// <summary>
/// One changed field as people read it. A single value has <see cref="Old"/> and <see cref="New"/> (null when empty);
/// a list (sources, parties, measurements, themes …) names only the entries <see cref="Removed"/> and <see cref="Added"/>.
/// </summary>
/// <param name="Field">The field's name in the record's JSON, e.g. <c>euRoleNote</c> or <c>sources</c>.</param>
/// <param name="Old">The value before, in words; null when it was empty or the field is a list.</param>
/// <param name="New">The value after, in words; null when it is empty or the field is a list.</param>
/// <param name="Removed">For a list: the entries taken out.</param>
/// <param name="Added">For a list: the entries put in.</param>
public sealed record FieldChange(string Field, string? Old, string? New, IReadOnlyList<string>? Removed, IReadOnlyList<string>? Added)
{
    public bool IsList => Removed is not null || Added is not null;

    public static string Serialize(IReadOnlyList<FieldChange> fields) => JsonSerializer.Serialize(fields, RecordSnapshots.Json);

    public static IReadOnlyList<FieldChange> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<FieldChange>>(json, RecordSnapshots.Json) ?? [];
}
