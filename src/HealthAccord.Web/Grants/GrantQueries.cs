using HealthAccord.Data;
using HealthAccord.Web.Grants.Links;

namespace HealthAccord.Web.Grants;

/// <summary>The grant's record as the API and the /grants/{id} page show it, read from the database.</summary>
public static class GrantQueries
{
    public static async Task<GrantDetail?> DetailAsync(HealthAccordDbContext db, GrantLabels labels, long id, DateOnly today, CancellationToken ct)
    {
        var rows = await FullGrantRows.LoadAsync(db, [id], ct);
        if (rows.Count == 0) return null;
        var reasons = rows[0].Partnerships.Count == 0 ? null : LinkReasons(await PartnershipLinker.LoadAsync(db, ct), rows[0]);
        return rows[0].ToDetail(await labels.ReferenceNamesAsync(db, ct), today, reasons);
    }

    /// <summary>Re-runs the linking rules on this one grant to say why each stored link exists.</summary>
    public static Dictionary<int, string> LinkReasons(PartnershipLinker linker, FullGrantRow grant)
    {
        if (grant.Partnerships.Count == 0) return [];
        return linker.Match(GrantLinkFacts.From(grant)).ToDictionary(l => l.PartnershipId, l => l.Reason);
    }
}
