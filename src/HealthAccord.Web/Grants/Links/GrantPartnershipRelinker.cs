using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Links;

public sealed record RelinkResult(int Grants, int Changed, int Links);

/// <summary>
/// Applies the partnership rules to grants already in the database: after the registry's memberships change, or
/// for grants imported before the rules existed. Only grants whose links change are written and re-indexed. A link is
/// derived data, so it leaves the grant's version and change time alone.
/// </summary>
public sealed class GrantPartnershipRelinker(HealthAccordDbContext db, GrantIndex index)
{
    private const int BatchSize = 1000;
    private const string JoinTable = "GrantPartnerships";

    public async Task<RelinkResult> RunAsync(IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var linker = await PartnershipLinker.LoadAsync(db, ct);
        var total = await db.Grants.CountAsync(ct);
        int done = 0, changed = 0, links = 0;
        long after = 0;
        while (true)
        {
            var batch = await LoadBatchAsync(after, ct);
            if (batch.Count == 0) break;
            after = batch[^1].Id;
            var changedIds = new List<long>();
            var joins = db.Set<Dictionary<string, object>>(JoinTable);
            foreach (var grant in batch)
            {
                var wanted = linker.Match(grant.Facts).Select(l => l.PartnershipId).ToHashSet();
                links += wanted.Count;
                if (wanted.SetEquals(grant.Linked)) continue;
                foreach (var gone in grant.Linked.Except(wanted)) joins.Remove(Join(grant.Id, gone));
                foreach (var added in wanted.Except(grant.Linked)) joins.Add(Join(grant.Id, added));
                changedIds.Add(grant.Id);
            }
            if (changedIds.Count > 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                await index.IndexGrantsAsync(changedIds, ct);
                changed += changedIds.Count;
            }
            done += batch.Count;
            progress?.Report((done, total));
        }
        return new RelinkResult(done, changed, links);
    }

    private static Dictionary<string, object> Join(long grantId, int partnershipId) =>
        new() { ["GrantId"] = grantId, ["PartnershipsId"] = partnershipId };

    // The same projection the grant page and the exports read, so the rules see each grant as they do.
    private async Task<List<(long Id, GrantLinkFacts Facts, HashSet<int> Linked)>> LoadBatchAsync(long after, CancellationToken ct)
    {
        var ids = await db.Grants.AsNoTracking().Where(g => g.Id > after).OrderBy(g => g.Id).Take(BatchSize).Select(g => g.Id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var rows = await FullGrantRows.LoadAsync(db, ids, ct);
        return rows.OrderBy(r => r.Id)
            .Select(r => (r.Id, GrantLinkFacts.From(r), r.Partnerships.Select(p => p.Id).ToHashSet()))
            .ToList();
    }
}
