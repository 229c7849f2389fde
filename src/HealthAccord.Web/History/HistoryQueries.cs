using System.Linq.Expressions;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// Which change sets a list shows. <see cref="Records"/> picks the record changes that count (a record, or a
/// partnership with its memberships and goals); the rest narrows by who, where from and when (UTC days, inclusive).
/// </summary>
public sealed record HistoryFilter(
    Expression<Func<RecordChange, bool>>? Records = null,
    string? Actor = null,
    ChangeSource? Source = null,
    DateOnly? From = null,
    DateOnly? To = null)
{
    public static Expression<Func<RecordChange, bool>> Record(RecordType type, int? id) =>
        id is { } recordId ? r => r.RecordType == type && r.RecordId == recordId : r => r.RecordType == type;

    /// <summary>The partnership and its memberships and goals: what its page shows.</summary>
    public static Expression<Func<RecordChange, bool>> Partnership(int id) => r => r.PartnershipId == id;

    /// <summary>The organisation and the memberships it holds.</summary>
    public static Expression<Func<RecordChange, bool>> Organisation(int id) => r => r.OrganisationId == id;
}

public static class HistoryQueries
{
    private const int MaxRecordsListed = 50;

    public static async Task<(List<ChangeSetDto> Items, int Total)> ListAsync(HealthAccordDbContext db, HistoryFilter filter, int? page, int? pageSize,
        CancellationToken ct)
    {
        var sets = db.ChangeSets.AsNoTracking();
        if (filter.Records is { } records) sets = sets.Where(s => db.RecordChanges.Where(records).Any(r => r.ChangeSetId == s.Id));
        if (filter.Actor is { } actor) sets = sets.Where(s => s.ActorId == actor || s.ActorName == actor);
        if (filter.Source is { } source) sets = sets.Where(s => s.Source == source);
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            sets = sets.Where(s => s.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            sets = sets.Where(s => s.At < end);
        }

        var total = await sets.CountAsync(ct);
        var size = pageSize ?? Shared.Paging.DefaultPageSize;
        var ids = await sets.OrderByDescending(s => s.At).ThenByDescending(s => s.Id)
            .Skip(((page ?? 1) - 1) * size).Take(size).Select(s => s.Id).ToListAsync(ct);
        var items = await DescribeAsync(db, ids, filter.Records, ct);
        return (ids.Select(id => items[id]).ToList(), total);
    }

    /// <summary>The newest change sets matching a record filter: a record page's timeline.</summary>
    public static Task<(List<ChangeSetDto> Items, int Total)> TimelineAsync(HealthAccordDbContext db, Expression<Func<RecordChange, bool>> records,
        int count, CancellationToken ct) => ListAsync(db, new HistoryFilter(records), 1, count, ct);

    private static async Task<Dictionary<long, ChangeSetDto>> DescribeAsync(HealthAccordDbContext db, List<long> ids,
        Expression<Func<RecordChange, bool>>? records, CancellationToken ct)
    {
        var sets = await db.ChangeSets.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        var counts = await db.RecordChanges.AsNoTracking().Where(r => ids.Contains(r.ChangeSetId))
            .GroupBy(r => r.ChangeSetId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var matching = db.RecordChanges.AsNoTracking().Where(r => ids.Contains(r.ChangeSetId));
        if (records is not null) matching = matching.Where(records);
        // Snapshots stay in the database (but a partnership's, for its slug): a list needs only the fields.
        var listed = (await matching.OrderBy(r => r.Id)
                .Select(r => new { r.ChangeSetId, r.RecordType, r.RecordId, r.Label, r.Kind, r.Fields, Snapshot = r.RecordType == RecordType.Partnership || r.RecordType == RecordType.OutbreakResponse ? r.After ?? r.Before : null })
                .ToListAsync(ct))
            .GroupBy(r => r.ChangeSetId)
            .ToDictionary(g => g.Key, g => g.Take(MaxRecordsListed)
                .Select(r => new RecordChangeDto(r.RecordType, r.RecordId, r.Label, r.Kind, ApiUrl(r.RecordType, r.RecordId, r.Snapshot),
                    FieldChange.Deserialize(r.Fields)))
                .ToList());
        var revertedBy = await RevertedByAsync(db, ids, ct);
        return sets.ToDictionary(s => s.Id, s => new ChangeSetDto(s.Id, s.At, new ChangeActorDto(s.ActorId, s.ActorName), s.Source, s.Summary,
            s.RevertOfId, revertedBy.GetValueOrDefault(s.Id) ?? [], counts.GetValueOrDefault(s.Id), listed.GetValueOrDefault(s.Id) ?? []));
    }

    public static async Task<ChangeSetDetail?> DetailAsync(HealthAccordDbContext db, long id, CancellationToken ct)
    {
        var set = await db.ChangeSets.AsNoTracking().Include(s => s.Records.OrderBy(r => r.Id)).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (set is null) return null;
        var revertedBy = await RevertedByAsync(db, [id], ct);
        return new ChangeSetDetail(set.Id, set.At, new ChangeActorDto(set.ActorId, set.ActorName), set.Source, set.Summary, set.RevertOfId,
            revertedBy.GetValueOrDefault(id) ?? [],
            set.Records.Select(r => new RecordChangeDetail(r.RecordType, r.RecordId, r.Label, r.Kind, ApiUrl(r.RecordType, r.RecordId, r.After ?? r.Before),
                FieldChange.Deserialize(r.Fields), RecordSnapshots.Parse(r.Before), RecordSnapshots.Parse(r.After))).ToList());
    }

    private static async Task<Dictionary<long, List<long>>> RevertedByAsync(HealthAccordDbContext db, List<long> ids, CancellationToken ct) =>
        (await db.ChangeSets.AsNoTracking().Where(s => s.RevertOfId != null && ids.Contains(s.RevertOfId.Value))
            .OrderBy(s => s.Id).Select(s => new { Of = s.RevertOfId!.Value, s.Id }).ToListAsync(ct))
        .GroupBy(r => r.Of).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());

    /// <summary>The record's API address; a partnership's is by its slug as the snapshot knew it.</summary>
    public static string ApiUrl(RecordType type, int id, string? snapshot) => type switch
    {
        RecordType.Partnership when RecordSnapshots.Parse(snapshot)?["slug"] is JsonValue slug => $"/api/v1/partnerships/{slug}",
        RecordType.Partnership => $"/api/v1/partnerships/{id}",
        RecordType.Organisation => $"/api/v1/organisations/{id}",
        RecordType.Membership => $"/api/v1/memberships/{id}",
        RecordType.Agreement => $"/api/v1/agreements/{id}",
        RecordType.Goal => $"/api/v1/goals/{id}",
        RecordType.Outbreak => $"/api/v1/outbreaks/{id}",
        RecordType.OutbreakResponse when RecordSnapshots.Parse(snapshot)?["outbreakId"] is JsonValue outbreak => $"/api/v1/outbreaks/{outbreak}",
        _ => $"/api/v1/{type.ToString().ToLowerInvariant()}s/{id}",
    };
}
