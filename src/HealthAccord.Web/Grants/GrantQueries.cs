using HealthAccord.Data;

namespace HealthAccord.Web.Grants;

/// <summary>The grant's record as the API and the /grants/{id} page show it, read from the database.</summary>
public static class GrantQueries
{
    public static async Task<GrantDetail?> DetailAsync(HealthAccordDbContext db, GrantLabels labels, long id, DateOnly today, CancellationToken ct)
    {
        var rows = await FullGrantRows.LoadAsync(db, [id], ct);
        if (rows.Count == 0) return null;
        return rows[0].ToDetail(await labels.ReferenceNamesAsync(db, ct), today);
    }
}
