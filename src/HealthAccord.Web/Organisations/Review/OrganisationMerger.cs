using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations.Review;

public sealed record MergeOutcome(ProblemDetails? Problem, long? ChangeSetId = null)
{
    public bool Merged => Problem is null;
}

/// <summary>
/// Folds a duplicate organisation into the one that stays: its grants (as funder or recipient), seats, agreement
/// parties and representatives move over; its identifiers, its ROR id and an alias of its own id are kept on the
/// survivor, so a re-import of the same file and the old address both find the survivor. One recorded change,
/// committed with its history; the search documents of the grants concerned are rewritten after the commit.
/// </summary>
public sealed class OrganisationMerger(HealthAccordDbContext db, ChangeRecorder recorder, GrantIndex index, IOutputCacheStore cache)
{
    public async Task<MergeOutcome> MergeAsync(int sourceId, int targetId, ChangeAuthor author, ChangeSource source, CancellationToken ct)
    {
        if (sourceId == targetId)
            return Refused(StatusCodes.Status400BadRequest, "An organisation cannot be merged into itself", "Choose another organisation to keep.");

        List<long> grantIds;
        long? changeSetId;
        await using (var recording = await recorder.BeginAsync(author, source, ct))
        {
            var from = await db.Organisations.Include(o => o.Identifiers).Include(o => o.Memberships).SingleOrDefaultAsync(o => o.Id == sourceId, ct);
            if (from is null) return Refused(StatusCodes.Status404NotFound, "Organisation not found", $"There is no organisation '{sourceId}'.");
            var into = await db.Organisations.Include(o => o.Memberships).SingleOrDefaultAsync(o => o.Id == targetId, ct);
            if (into is null)
            {
                return Refused(StatusCodes.Status409Conflict, "The organisation to keep does not exist",
                    $"There is no organisation '{targetId}' to merge into: it may have been deleted or merged itself. Nothing was changed.");
            }
            var shared = from.Memberships.Select(m => m.PartnershipId).Intersect(into.Memberships.Select(m => m.PartnershipId)).ToList();
            if (shared.Count > 0)
            {
                var acronyms = await db.Partnerships.AsNoTracking().Where(p => shared.Contains(p.Id)).Select(p => p.Acronym).ToListAsync(ct);
                return Refused(StatusCodes.Status409Conflict, "Both organisations hold a seat in the same partnership",
                    $"{from.Name} and {into.Name} both hold a seat in {string.Join(", ", acronyms)}. Remove one of the seats first; nothing was changed.");
            }

            grantIds = await db.GrantParticipants.Where(p => p.OrganisationId == sourceId).Select(p => p.GrantId).Distinct().ToListAsync(ct);
            // A grant that already names the survivor in the same role keeps that one line rather than two.
            await db.GrantParticipants
                .Where(p => p.OrganisationId == sourceId && db.GrantParticipants.Any(t => t.GrantId == p.GrantId && t.OrganisationId == targetId && t.Role == p.Role))
                .ExecuteDeleteAsync(ct);
            await db.GrantParticipants.Where(p => p.OrganisationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganisationId, targetId), ct);
            await db.Users.Where(u => u.RepresentedOrganisationId == sourceId).ExecuteUpdateAsync(s => s.SetProperty(u => u.RepresentedOrganisationId, targetId), ct);

            foreach (var membership in from.Memberships.ToList()) membership.Organisation = into;
            foreach (var party in await db.AgreementParties.Where(p => p.OrganisationId == sourceId).ToListAsync(ct)) party.OrganisationId = targetId;

            // Moved by their navigation, which EF reads as a move rather than an orphan of the deleted organisation.
            foreach (var identifier in from.Identifiers.ToList()) identifier.Organisation = into;
            await AddAliasAsync(MergeAliases.Of(sourceId), targetId, ct);
            var movesRor = from.RorId is not null && into.RorId is null;
            if (from.RorId is { } ror && !movesRor) await AddAliasAsync("XI-ROR-" + ror, targetId, ct);
            var rorToMove = movesRor ? from.RorId : null;
            db.Organisations.Remove(from);
            await db.SaveChangesAsync(ct);
            if (rorToMove is not null)
            {
                // Only once the duplicate is gone: the ROR id is unique.
                into.RorId = rorToMove;
                await db.SaveChangesAsync(ct);
            }
            recording.Summary = $"Merged organisation {from.Name} into {into.Name}";
            changeSetId = (await recording.CompleteAsync(ct))?.Id;
        }
        db.ChangeTracker.Clear();
        await index.IndexGrantsAsync(grantIds, ct);
        await cache.EvictByTagAsync(RegistryCache.Tag, ct);
        return new MergeOutcome(null, changeSetId);
    }

    private async Task AddAliasAsync(string value, int organisationId, CancellationToken ct)
    {
        if (db.OrganisationIdentifiers.Local.Any(i => i.Value == value) || await db.OrganisationIdentifiers.AnyAsync(i => i.Value == value, ct)) return;
        db.OrganisationIdentifiers.Add(new OrganisationIdentifier { Value = value, OrganisationId = organisationId });
    }

    private static MergeOutcome Refused(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail });

    /// <summary>The organisation an old id was merged into, if it was.</summary>
    public static Task<int?> SurvivorOfAsync(HealthAccordDbContext db, int mergedId, CancellationToken ct)
    {
        var alias = MergeAliases.Of(mergedId);
        return db.OrganisationIdentifiers.AsNoTracking().Where(i => i.Value == alias).Select(i => (int?)i.OrganisationId).SingleOrDefaultAsync(ct);
    }
}
