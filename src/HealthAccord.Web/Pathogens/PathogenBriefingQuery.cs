using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Pathogens;

/// <summary>
/// Assembles a <see cref="PathogenBriefing"/> from the database. Every figure is a GROUP BY over the grants tagged with
/// the pathogen, so the work grows with that pathogen's grants, not with the portfolio (BENCHMARKS.md has the timings
/// at a million grants). The queries run one after another on the request's DbContext, which allows no parallel use.
/// </summary>
public sealed class PathogenBriefingQuery(HealthAccordDbContext db, GrantLabels labels)
{
    /// <summary>Rows listed per breakdown before the rest is folded into "other".</summary>
    public const int TopValues = 10;

    /// <summary>Grants listed as the latest and as the largest.</summary>
    public const int NotableGrants = 5;

    public async Task<PathogenList> ListAsync(CancellationToken ct)
    {
        var counts = await db.Set<GrantPathogen>().AsNoTracking()
            .GroupBy(p => p.Pathogen)
            .Select(g => new { g.Key, Grants = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Grants, StringComparer.Ordinal, ct);
        return new PathogenList(PathogenCatalogue.All
            .Select(p => new PathogenSummary(p.Code, p.DisplayName, p.Family, p.WhoBlueprint, counts.GetValueOrDefault(p.Code),
                PageUrl(p.Code), $"/api/v1/pathogens/{p.Code}/briefing"))
            .ToList());
    }

    /// <summary>The briefing, or null when the catalogue has no such pathogen. <paramref name="focus"/> are checked country codes.</summary>
    public async Task<PathogenBriefing?> BriefAsync(string code, IReadOnlyList<string> focus, DateOnly today, CancellationToken ct)
    {
        if (PathogenCatalogue.Find(code) is not { } pathogen) return null;
        var ids = db.Set<GrantPathogen>().Where(p => p.Pathogen == pathogen.Code).Select(p => p.GrantId);
        var search = $"/grants?pathogen={Uri.EscapeDataString(pathogen.Code)}";
        var countryNames = await labels.CountriesAsync(db, ct);

        var totals = await TotalsAsync(ids, today, ct);
        var unconverted = totals.GrantsWithoutEur == 0 ? [] : await db.Grants.AsNoTracking()
            .Where(g => ids.Contains(g.Id) && g.AmountEur == null)
            .GroupBy(g => g.Currency)
            .Select(g => new UnconvertedAmount(g.Key, g.Count(), g.Sum(x => x.AmountAwarded)))
            .ToListAsync(ct);

        var byCountry = await CountryTotalsAsync(ids, ct);
        var funders = await FunderTotalsAsync(ids, ct);
        var categories = await KeyTotalsAsync(db.Set<GrantCategory>().Where(c => ids.Contains(c.GrantId))
            .Select(c => new KeyedGrant<string> { Key = c.HrcsCode, GrantId = c.GrantId }), ct);
        var partnerships = await PartnershipsAsync(ids, search, ct);

        BriefingFocus? focused = null;
        if (focus.Count > 0)
        {
            var focusIds = db.Set<GrantCountry>().Where(c => focus.Contains(c.CountryCode) && ids.Contains(c.GrantId)).Select(c => c.GrantId).Distinct();
            var focusTotals = await TotalsAsync(focusIds, today, ct);
            var focusFunders = await FunderTotalsAsync(focusIds, ct);
            var rows = focus.Select(c => byCountry.FirstOrDefault(t => t.Key == c) ?? new KeyTotal<string>(c, 0, 0m, 0))
                .Select(t => CountryRow(t, countryNames)).ToList();
            focused = new BriefingFocus(rows, focusTotals.Grants, focusTotals.AmountEur, focusTotals.GrantsWithoutEur, focusTotals.LiveGrants,
                await FunderBreakdownAsync(focusFunders, focusTotals.Grants - await GrantsWithFunderAsync(focusIds, ct), search, ct));
        }

        return new PathogenBriefing(
            pathogen.Code, pathogen.DisplayName, pathogen.Family, pathogen.WhoBlueprint, today,
            totals.Grants, totals.AmountEur, totals.GrantsWithoutEur, unconverted.OrderByDescending(u => u.Grants).ThenBy(u => u.Currency, StringComparer.Ordinal).ToList(),
            totals.LiveGrants,
            Breakdown(byCountry.Select(t => CountryRow(t, countryNames)), totals.Grants - await GrantsWithCountryAsync(ids, ct)),
            await FunderBreakdownAsync(funders, totals.Grants - await GrantsWithFunderAsync(ids, ct), search, ct),
            Breakdown(categories.Select(t => new BriefingRow(t.Key, labels.HrcsLabel(t.Key), $"{search}&hrcs={t.Key}", t.Grants, t.AmountEur, t.GrantsWithoutEur)),
                totals.Grants - await db.Grants.CountAsync(g => ids.Contains(g.Id) && g.Categories.Any(), ct)),
            await YearsAsync(ids, search, ct),
            await NotableAsync(ids, largest: false, ct),
            await NotableAsync(ids, largest: true, ct),
            partnerships,
            focused,
            search,
            PageUrl(pathogen.Code));
    }

    public static string PageUrl(string code) => $"/pathogens/{code}";

    private sealed record Totals(int Grants, decimal AmountEur, int GrantsWithoutEur, int LiveGrants);

    private async Task<Totals> TotalsAsync(IQueryable<long> ids, DateOnly today, CancellationToken ct)
    {
        // One row whatever the number of grants; none at all when there are no grants.
        var row = await db.Grants.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Grants = g.Count(),
                AmountEur = g.Sum(x => x.AmountEur),
                WithoutEur = g.Count(x => x.AmountEur == null),
                // The search's "live": both planned dates given and today within them (GrantSearch.IsLive).
                Live = g.Count(x => x.PlannedStart <= today && x.PlannedEnd >= today),
            })
            .FirstOrDefaultAsync(ct);
        return row is null ? new Totals(0, 0m, 0, 0) : new Totals(row.Grants, row.AmountEur ?? 0m, row.WithoutEur, row.Live);
    }

    /// <summary>A grant and one of its values (country, funder, category, partnership), the shape every breakdown groups.</summary>
    private sealed class KeyedGrant<TKey>
    {
        public required TKey Key { get; init; }
        public long GrantId { get; init; }
    }

    private sealed record KeyTotal<TKey>(TKey Key, int Grants, decimal AmountEur, int GrantsWithoutEur);

    private async Task<List<KeyTotal<TKey>>> KeyTotalsAsync<TKey>(IQueryable<KeyedGrant<TKey>> pairs, CancellationToken ct)
    {
        var rows = await pairs
            .Join(db.Grants, p => p.GrantId, g => g.Id, (p, g) => new { p.Key, g.AmountEur })
            .GroupBy(x => x.Key)
            .Select(x => new { x.Key, Grants = x.Count(), AmountEur = x.Sum(e => e.AmountEur), WithoutEur = x.Count(e => e.AmountEur == null) })
            .ToListAsync(ct);
        return rows.Select(r => new KeyTotal<TKey>(r.Key, r.Grants, r.AmountEur ?? 0m, r.WithoutEur)).ToList();
    }

    private Task<List<KeyTotal<string>>> CountryTotalsAsync(IQueryable<long> ids, CancellationToken ct) =>
        KeyTotalsAsync(db.Set<GrantCountry>().Where(c => ids.Contains(c.GrantId)).Select(c => new KeyedGrant<string> { Key = c.CountryCode, GrantId = c.GrantId }), ct);

    private Task<List<KeyTotal<int>>> FunderTotalsAsync(IQueryable<long> ids, CancellationToken ct) =>
        KeyTotalsAsync(db.GrantParticipants.Where(p => p.Role == ParticipantRole.Funder && ids.Contains(p.GrantId))
            .Select(p => new KeyedGrant<int> { Key = p.OrganisationId, GrantId = p.GrantId }), ct);

    private Task<int> GrantsWithCountryAsync(IQueryable<long> ids, CancellationToken ct) =>
        db.Set<GrantCountry>().Where(c => ids.Contains(c.GrantId)).Select(c => c.GrantId).Distinct().CountAsync(ct);

    private Task<int> GrantsWithFunderAsync(IQueryable<long> ids, CancellationToken ct) =>
        db.GrantParticipants.Where(p => p.Role == ParticipantRole.Funder && ids.Contains(p.GrantId)).Select(p => p.GrantId).Distinct().CountAsync(ct);

    private static BriefingRow CountryRow(KeyTotal<string> t, IReadOnlyDictionary<string, string> names) =>
        new(t.Key, names.GetValueOrDefault(t.Key, t.Key), $"/countries/{t.Key.ToLowerInvariant()}", t.Grants, t.AmountEur, t.GrantsWithoutEur);

    /// <summary>Funders by euro total, named from the registry only for the rows shown.</summary>
    private async Task<BriefingBreakdown> FunderBreakdownAsync(List<KeyTotal<int>> totals, int withoutFunder, string search, CancellationToken ct)
    {
        var ranked = Rank(totals.Select(t => new BriefingRow(t.Key.ToString(CultureInfo.InvariantCulture), "", "", t.Grants, t.AmountEur, t.GrantsWithoutEur)));
        var shownIds = ranked.Take(TopValues + 1).Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => shownIds.Contains(o.Id)).Select(o => new { o.Id, o.Name })
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // The search's funder facet matches by name, as the organisation pages link to it.
        return Breakdown(ranked.Select(r => names.TryGetValue(int.Parse(r.Key, CultureInfo.InvariantCulture), out var name)
            ? r with { Label = name, Url = $"{search}&funder={Uri.EscapeDataString(name)}" }
            : r), withoutFunder, alreadyRanked: true);
    }

    private static List<BriefingRow> Rank(IEnumerable<BriefingRow> rows) =>
        rows.OrderByDescending(r => r.AmountEur).ThenByDescending(r => r.Grants).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private static BriefingBreakdown Breakdown(IEnumerable<BriefingRow> rows, int withoutValue, bool alreadyRanked = false)
    {
        var ranked = alreadyRanked ? rows.ToList() : Rank(rows);
        // Folding a single value into "other" would hide it for nothing, so "other" holds two or more.
        var shown = ranked.Count <= TopValues + 1 ? ranked.Count : TopValues;
        var rest = ranked.Skip(shown).ToList();
        var other = rest.Count == 0 ? null : new BriefingRemainder(rest.Count, rest.Sum(r => r.Grants), rest.Sum(r => r.AmountEur), rest.Sum(r => r.GrantsWithoutEur));
        return new BriefingBreakdown(ranked.Take(shown).ToList(), other, withoutValue);
    }

    private async Task<IReadOnlyList<BriefingYear>> YearsAsync(IQueryable<long> ids, string search, CancellationToken ct)
    {
        var rows = await db.Grants.AsNoTracking()
            .Where(g => ids.Contains(g.Id))
            .GroupBy(g => g.AwardDate.Year)
            .Select(y => new { Year = y.Key, Grants = y.Count(), AmountEur = y.Sum(g => g.AmountEur), WithoutEur = y.Count(g => g.AmountEur == null) })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Year)
            .Select(r => new BriefingYear(r.Year, $"{search}&year={r.Year}", r.Grants, r.AmountEur ?? 0m, r.WithoutEur))
            .ToList();
    }

    private async Task<IReadOnlyList<BriefingGrant>> NotableAsync(IQueryable<long> ids, bool largest, CancellationToken ct)
    {
        var grants = db.Grants.AsNoTracking().Where(g => ids.Contains(g.Id));
        // SQLite keeps decimals as text, which would order "9" after "10"; a double orders them by value, and the
        // rounding it brings cannot change which few grants are the largest in any way a reader would notice.
        var ordered = largest
            ? grants.Where(g => g.AmountEur != null).OrderByDescending(g => (double?)g.AmountEur).ThenByDescending(g => g.Id)
            : grants.OrderByDescending(g => g.AwardDate).ThenByDescending(g => g.Id);
        return await ordered.Take(NotableGrants)
            .Select(g => new BriefingGrant(g.Id, g.Title, g.AwardDate, g.AmountAwarded, g.Currency, g.AmountEur,
                g.Participants.Where(p => p.Role == ParticipantRole.Funder).OrderBy(p => p.Position).Select(p => p.Organisation.Name).FirstOrDefault(),
                "/grants/" + g.Id))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyList<BriefingPartnership>> PartnershipsAsync(IQueryable<long> ids, string search, CancellationToken ct)
    {
        var totals = await KeyTotalsAsync(db.Grants.Where(g => ids.Contains(g.Id))
            .SelectMany(g => g.Partnerships, (g, p) => new KeyedGrant<int> { Key = p.Id, GrantId = g.Id }), ct);
        if (totals.Count == 0) return [];
        var partnershipIds = totals.Select(t => t.Key).ToList();
        var partnerships = await db.Partnerships.AsNoTracking().Where(p => partnershipIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Acronym, p.Name, p.Secretariat, p.Website })
            .ToDictionaryAsync(p => p.Id, ct);
        return totals.Where(t => partnerships.ContainsKey(t.Key))
            .Select(t => (Total: t, Partnership: partnerships[t.Key]))
            .OrderByDescending(x => x.Total.Grants).ThenByDescending(x => x.Total.AmountEur).ThenBy(x => x.Partnership.Acronym, StringComparer.Ordinal)
            .Select(x => new BriefingPartnership(x.Partnership.Slug, x.Partnership.Acronym, x.Partnership.Name, x.Total.Grants, x.Total.AmountEur,
                x.Total.GrantsWithoutEur, x.Partnership.Secretariat, x.Partnership.Website, $"/partnerships/{x.Partnership.Slug}",
                $"{search}&partnership={Uri.EscapeDataString(x.Partnership.Slug)}"))
            .ToList();
    }
}
