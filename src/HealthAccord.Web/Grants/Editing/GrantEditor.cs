using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Grants.Links;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Editing;

public enum GrantEditStatus
{
    Saved,
    Unchanged,
    NotFound,

    /// <summary>The grant's version is no longer the one the edit was based on: someone else saved in between.</summary>
    Stale,
}

public sealed record GrantEditOutcome(GrantEditStatus Status, long? ChangeSetId = null);

/// <summary>
/// Saves a hand edit of a grant, for the API and the edit page alike: the fields as given, and what an import derives
/// from them worked out again (the euro amount at the award date's ECB rate, the pathogen tags, the partnership
/// links), in one recorded change committed with its history. The search index is updated after the commit: the
/// database is the record, and a failed index update is mended by <c>reindex</c> while the index never lists a grant
/// the database lacks.
/// </summary>
public sealed class GrantEditor(
    HealthAccordDbContext db, ChangeRecorder recorder, ExchangeRates rates, PathogenTagger tagger, HrcsCategories hrcs,
    GrantIndex index, IOutputCacheStore cache, TimeProvider clock)
{
    private const string PartnershipLinks = "GrantPartnerships";

    /// <summary>What deciding who may edit the grant needs, as it is stored; null when there is no such grant.</summary>
    public async Task<GrantRecordEdit?> TargetAsync(long id, CancellationToken ct)
    {
        var grant = await db.Grants.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new
            {
                Funders = g.Participants.Where(p => p.Role == ParticipantRole.Funder).Select(p => p.OrganisationId).ToList(),
                Partnerships = g.Partnerships.Select(p => p.Id).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return grant is null ? null : new GrantRecordEdit(grant.Funders.ToHashSet(), grant.Partnerships.ToHashSet());
    }

    public async Task<GrantEditOutcome> SaveAsync(long id, int basedOnVersion, GrantValues values, ChangeAuthor author, ChangeSource source,
        CancellationToken ct)
    {
        long? changeSetId;
        await using (var recording = await recorder.BeginAsync(author, source, ct))
        {
            var grant = await db.Grants.Include(g => g.Countries).Include(g => g.Pathogens).Include(g => g.Categories)
                .AsSplitQuery().SingleOrDefaultAsync(g => g.Id == id, ct);
            if (grant is null) return new GrantEditOutcome(GrantEditStatus.NotFound);
            if (grant.Version != basedOnVersion) return new GrantEditOutcome(GrantEditStatus.Stale);

            Apply(grant, values);
            if (!db.ChangeTracker.HasChanges()) return new GrantEditOutcome(GrantEditStatus.Unchanged);
            grant.Version++;
            grant.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
                await RelinkAsync(id, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return new GrantEditOutcome(GrantEditStatus.Stale);
            }
            changeSetId = (await recording.CompleteAsync(ct))?.Id;
        }
        db.ChangeTracker.Clear();
        await index.IndexGrantsAsync([id], ct);
        // Organisation pages and their grant totals are cached with the registry's responses.
        await cache.EvictByTagAsync(RegistryCache.Tag, ct);
        return new GrantEditOutcome(GrantEditStatus.Saved, changeSetId);
    }

    private void Apply(Grant grant, GrantValues values)
    {
        grant.Title = values.Title;
        grant.Description = values.Description;
        grant.Currency = values.Currency;
        grant.AmountAwarded = values.AmountAwarded;
        grant.AwardDate = values.AwardDate;
        grant.PlannedStart = values.PlannedStart;
        grant.PlannedEnd = values.PlannedEnd;
        grant.Programme = values.Programme;
        grant.Call = values.Call;
        grant.Topic = values.Topic;
        // As an import converts: the award date's rate or the nearest earlier quote, none when there is no usable one.
        var converted = rates.TryConvertToEur(values.AmountAwarded, values.Currency, values.AwardDate, out var conversion);
        grant.AmountEur = converted ? conversion.AmountEur : null;
        grant.EurRate = converted ? conversion.Rate : null;
        grant.EurRateDate = converted ? conversion.RateDate : null;

        Replace(grant.Countries, values.Countries.Select(c => new GrantCountry { CountryCode = c }).ToList(), c => c.CountryCode, (_, _) => { });

        // The file's classifications are not kept beyond their HRCS codes, so those categories' names stand in for them.
        var categories = grant.Categories.Select(c => hrcs.TryGetByCode(c.HrcsCode, out var category) ? category.Label : null).OfType<string>().ToList();
        var programmes = values.Programme?.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tags = tagger.Tag(new GrantText(values.Title, values.Description, categories, programmes, values.AwardDate))
            .DistinctBy(m => m.PathogenCode)
            .Select(m => new GrantPathogen { Pathogen = m.PathogenCode, Rule = m.RuleId })
            .ToList();
        Replace(grant.Pathogens, tags, p => p.Pathogen, (stored, wanted) => stored.Rule = wanted.Rule);
    }

    /// <summary>
    /// Makes a child list hold exactly <paramref name="wanted"/>: rows whose key stays are kept and updated in place
    /// (so an unchanged list is no change at all), the others removed or added.
    /// </summary>
    private void Replace<T>(List<T> stored, List<T> wanted, Func<T, string> key, Action<T, T> update) where T : class
    {
        var wantedByKey = wanted.ToDictionary(key, StringComparer.Ordinal);
        foreach (var row in stored.ToList())
        {
            if (wantedByKey.Remove(key(row), out var other))
            {
                update(row, other);
                continue;
            }
            stored.Remove(row);
            db.Remove(row);
        }
        stored.AddRange(wantedByKey.Values);
    }

    /// <summary>The link rules applied to the grant as just saved (read back in this transaction), as <c>relink</c> does.</summary>
    private async Task RelinkAsync(long id, CancellationToken ct)
    {
        var linker = await PartnershipLinker.LoadAsync(db, ct);
        var row = (await FullGrantRows.LoadAsync(db, [id], ct)).Single();
        var wanted = linker.Match(GrantLinkFacts.From(row)).Select(l => l.PartnershipId).ToHashSet();
        var linked = row.Partnerships.Select(p => p.Id).ToHashSet();
        if (wanted.SetEquals(linked)) return;
        var joins = db.Set<Dictionary<string, object>>(PartnershipLinks);
        foreach (var gone in linked.Except(wanted)) joins.Remove(Join(id, gone));
        foreach (var added in wanted.Except(linked)) joins.Add(Join(id, added));
        await db.SaveChangesAsync(ct);
    }

    private static Dictionary<string, object> Join(long grantId, int partnershipId) =>
        new() { ["GrantId"] = grantId, ["PartnershipsId"] = partnershipId };
}
