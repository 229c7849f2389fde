using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
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

    private async Task<List<(long Id, GrantLinkFacts Facts, HashSet<int> Linked)>> LoadBatchAsync(long after, CancellationToken ct)
    {
        var rows = await db.Grants.AsNoTracking()
            .Where(g => g.Id > after)
            .OrderBy(g => g.Id)
            .Take(BatchSize)
            .Select(g => new
            {
                g.Id,
                g.AwardDate,
                g.Title,
                g.Description,
                g.Programme,
                g.Call,
                g.Topic,
                Participants = g.Participants.Select(p => new { p.Role, p.OrganisationId, p.Organisation.Name, p.Organisation.CountryCode, p.Organisation.Type }).ToList(),
                Countries = g.Countries.Select(c => c.CountryCode).ToList(),
                Pathogens = g.Pathogens.Select(p => p.Pathogen).ToList(),
                Hrcs = g.Categories.Select(c => c.HrcsCode).ToList(),
                Linked = g.Partnerships.Select(p => p.Id).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, new GrantLinkFacts(
                r.AwardDate,
                [r.Title, r.Description, r.Programme, r.Call, r.Topic],
                r.Participants.Where(p => p.Role == ParticipantRole.Funder)
                    .Select(p => new FunderFact(p.OrganisationId, p.Name, p.CountryCode, FunderFact.IsPublicType(p.Type))).ToList(),
                r.Countries.Concat(r.Participants.Where(p => p.Role != ParticipantRole.Funder).Select(p => p.CountryCode).OfType<string>())
                    .ToHashSet(StringComparer.Ordinal),
                r.Pathogens,
                r.Hrcs),
            r.Linked.ToHashSet()))
            .ToList();
    }
}
