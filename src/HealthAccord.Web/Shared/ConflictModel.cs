using HealthAccord.Data;
using HealthAccord.Data.History;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Shared;

/// <summary>One field of a record as the writer wanted it and as it is stored now.</summary>
public sealed record ConflictRow(string Label, string Yours, string Stored)
{
    public bool Differs => Yours != Stored;
}

/// <summary>
/// What an edit page shows when the record changed after the form was loaded: both versions field by field, the
/// differences marked, and who made the stored one. Nothing of the writer's was saved.
/// </summary>
public sealed record ConflictModel(string What, int YourVersion, int StoredVersion, IReadOnlyList<ConflictRow> Rows, string? StoredBy,
    string DiscardUrl)
{
    public int Differences => Rows.Count(r => r.Differs);

    /// <summary>The author and time of the latest recorded change to the record, for "changed by … at …".</summary>
    public static async Task<string?> LatestChangeAsync(HealthAccordDbContext db, RecordType type, int id, CancellationToken ct)
    {
        var latest = await db.RecordChanges.AsNoTracking()
            .Where(r => r.RecordType == type && r.RecordId == id)
            .OrderByDescending(r => r.ChangeSetId)
            .Select(r => new { r.ChangeSet.ActorName, r.ChangeSet.At })
            .FirstOrDefaultAsync(ct);
        return latest is null ? null : $"{latest.ActorName}, {History.TimelineModel.When(latest.At)}";
    }
}
