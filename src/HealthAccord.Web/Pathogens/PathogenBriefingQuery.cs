using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Pathogens;

/// <summary>
/// Assembles a <see cref="PathogenBriefing"/>. The database is read in one pass per table — the pathogen's grants
/// (id, euro amount, dates), then their countries, funders, categories and partnerships as bare id pairs — through
/// plain data readers (<see cref="BriefingReads"/>), and every figure is added up here. A GROUP BY per figure had each
/// of a dozen queries look up every grant's row again for its amount, which at a million grants cost seconds for a
/// common pathogen (BENCHMARKS.md, "Outbreak briefing").
/// </summary>
public sealed class PathogenBriefingQuery(HealthAccordDbContext db, GrantLabels labels, IServiceScopeFactory scopes)
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

    public static string PageUrl(string code) => $"/pathogens/{code}";

    /// <summary>The briefing, or null when the catalogue has no such pathogen. <paramref name="focus"/> are checked country codes.</summary>
    public async Task<PathogenBriefing?> BriefAsync(string code, IReadOnlyList<string> focus, DateOnly today, CancellationToken ct)
    {
        if (PathogenCatalogue.Find(code) is not { } pathogen) return null;
        var ids = db.Set<GrantPathogen>().Where(p => p.Pathogen == pathogen.Code).Select(p => p.GrantId);
        var search = $"/grants?pathogen={Uri.EscapeDataString(pathogen.Code)}";

        // The grants on this request's connection and the four link tables on a second one, at the same time: on two
        // cores that halves the wait for a common pathogen (BENCHMARKS.md, "Outbreak briefing"). The two reads are not
        // one snapshot; a link to a grant committed between them is skipped when adding up, so at worst a briefing
        // taken during an import misses a grant that the next one counts.
        var grantsRead = ReadAsync(db, c => BriefingReads.GrantsAsync(c, pathogen.Code, today, ct), ct);
        await using var links = scopes.CreateAsyncScope();
        var linksRead = ReadAsync(links.ServiceProvider.GetRequiredService<HealthAccordDbContext>(), async c => (
            Countries: await BriefingReads.CountriesAsync(c, pathogen.Code, ct),
            Funders: await BriefingReads.FundersAsync(c, pathogen.Code, ct),
            Categories: await BriefingReads.CategoriesAsync(c, pathogen.Code, ct),
            Partnerships: await BriefingReads.PartnershipsAsync(c, pathogen.Code, ct)), ct);
        await Task.WhenAll(grantsRead, linksRead);
        var grants = await grantsRead;
        var (countries, funders, categories, partnerships) = await linksRead;

        var all = Tally(grants.Values);
        var countryNames = await labels.CountriesAsync(db, ct);
        var byCountry = TotalsBy(countries, grants);
        var unconverted = all.GrantsWithoutEur == 0 ? [] : await db.Grants.AsNoTracking()
            .Where(g => ids.Contains(g.Id) && g.AmountEur == null)
            .GroupBy(g => g.Currency)
            .Select(g => new UnconvertedAmount(g.Key, g.Count(), g.Sum(x => x.AmountAwarded)))
            .ToListAsync(ct);

        BriefingFocus? focused = null;
        if (focus.Count > 0)
        {
            var focusIds = countries.Where(c => focus.Contains(c.Key)).Select(c => c.GrantId).ToHashSet();
            var inFocus = grants.Values.Where(g => focusIds.Contains(g.Id)).ToDictionary(g => g.Id);
            var focusTotals = Tally(inFocus.Values);
            var rows = focus.Select(c => CountryRow(byCountry.GetValueOrDefault(c) ?? new Totals(), c, countryNames)).ToList();
            focused = new BriefingFocus(rows, focusTotals.Grants, focusTotals.AmountEur, focusTotals.GrantsWithoutEur, focusTotals.LiveGrants,
                await FunderBreakdownAsync(funders.Where(f => focusIds.Contains(f.GrantId)).ToList(), inFocus, search, ct));
        }

        return new PathogenBriefing(
            pathogen.Code, pathogen.DisplayName, pathogen.Family, pathogen.WhoBlueprint, today,
            all.Grants, all.AmountEur, all.GrantsWithoutEur,
            unconverted.OrderByDescending(u => u.Grants).ThenBy(u => u.Currency, StringComparer.Ordinal).ToList(),
            all.LiveGrants,
            Breakdown(byCountry.Select(t => CountryRow(t.Value, t.Key, countryNames)), WithoutValue(grants, countries)),
            await FunderBreakdownAsync(funders, grants, search, ct),
            Breakdown(TotalsBy(categories, grants).Select(t => Row(t.Key, labels.HrcsLabel(t.Key), $"{search}&hrcs={t.Key}", t.Value)),
                WithoutValue(grants, categories)),
            grants.Values.GroupBy(g => g.AwardDate.Year).OrderBy(y => y.Key)
                .Select(y => Tally(y).ToYear(y.Key, $"{search}&year={y.Key}")).ToList(),
            await NotableAsync(grants.Values.OrderByDescending(g => g.AwardDate).ThenByDescending(g => g.Id), ct),
            await NotableAsync(grants.Values.Where(g => g.AmountEur is not null).OrderByDescending(g => g.AmountEur).ThenByDescending(g => g.Id), ct),
            await PartnershipsAsync(partnerships, grants, search, ct),
            focused,
            search,
            PageUrl(pathogen.Code));
    }

    /// <summary>Runs a read on the context's own connection, opened for it and closed after it.</summary>
    private static async Task<T> ReadAsync<T>(HealthAccordDbContext context, Func<System.Data.Common.DbConnection, Task<T>> read, CancellationToken ct)
    {
        // Off the caller's thread at once, so that the two reads really overlap even where the first one would run
        // synchronously up to its first wait (Microsoft.Data.Sqlite's readers do).
        await Task.Yield();
        await context.Database.OpenConnectionAsync(ct);
        try
        {
            return await read(context.Database.GetDbConnection());
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A running total, mutable so that adding up a few hundred thousand pairs allocates once per value.</summary>
    private sealed class Totals
    {
        public int Grants { get; private set; }
        public decimal AmountEur { get; private set; }
        public int GrantsWithoutEur { get; private set; }

        public void Add(decimal? amountEur)
        {
            Grants++;
            if (amountEur is { } eur) AmountEur += eur;
            else GrantsWithoutEur++;
        }
    }

    private sealed record Tallied(IReadOnlyCollection<GrantFacts> Of, int Grants, decimal AmountEur, int GrantsWithoutEur)
    {
        public int LiveGrants => Of.Count(g => g.Live);

        public BriefingYear ToYear(int year, string url) => new(year, url, Grants, AmountEur, GrantsWithoutEur);
    }

    private static Tallied Tally(IEnumerable<GrantFacts> grants)
    {
        var list = grants as IReadOnlyCollection<GrantFacts> ?? grants.ToList();
        decimal sum = 0m;
        var without = 0;
        foreach (var g in list)
        {
            if (g.AmountEur is { } eur) sum += eur;
            else without++;
        }
        return new Tallied(list, list.Count, sum, without);
    }

    /// <summary>Per value, the grants that have it; a grant with two values counts, with its whole amount, under each.</summary>
    private static Dictionary<TKey, Totals> TotalsBy<TKey>(IEnumerable<Pair<TKey>> pairs, IReadOnlyDictionary<long, GrantFacts> grants) where TKey : notnull
    {
        var totals = new Dictionary<TKey, Totals>();
        foreach (var pair in pairs)
        {
            if (!grants.TryGetValue(pair.GrantId, out var grant)) continue;
            if (!totals.TryGetValue(pair.Key, out var t)) totals[pair.Key] = t = new Totals();
            t.Add(grant.AmountEur);
        }
        return totals;
    }

    private static int WithoutValue<TKey>(IReadOnlyDictionary<long, GrantFacts> grants, IEnumerable<Pair<TKey>> pairs) =>
        grants.Count - pairs.Select(p => p.GrantId).Where(grants.ContainsKey).Distinct().Count();

    private static BriefingRow Row(string key, string label, string url, Totals t) => new(key, label, url, t.Grants, t.AmountEur, t.GrantsWithoutEur);

    private static BriefingRow CountryRow(Totals t, string code, IReadOnlyDictionary<string, string> names) =>
        Row(code, names.GetValueOrDefault(code, code), $"/countries/{code.ToLowerInvariant()}", t);

    /// <summary>Funders by euro total, named from the registry only for the rows shown.</summary>
    private async Task<BriefingBreakdown> FunderBreakdownAsync(List<Pair<int>> funders, IReadOnlyDictionary<long, GrantFacts> grants, string search, CancellationToken ct)
    {
        var ranked = Rank(TotalsBy(funders, grants).Select(t => Row(t.Key.ToString(CultureInfo.InvariantCulture), "", "", t.Value)));
        var shownIds = ranked.Take(TopValues + 1).Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => shownIds.Contains(o.Id)).Select(o => new { o.Id, o.Name })
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // The search's funder facet matches by name, as the organisation pages link to it. Names break ties only
        // among the rows shown, so the order is fixed by amount, count and then id.
        return Breakdown(ranked.Select(r => names.TryGetValue(int.Parse(r.Key, CultureInfo.InvariantCulture), out var name)
            ? r with { Label = name, Url = $"{search}&funder={Uri.EscapeDataString(name)}" }
            : r), WithoutValue(grants, funders), alreadyRanked: true);
    }

    private static List<BriefingRow> Rank(IEnumerable<BriefingRow> rows) =>
        rows.OrderByDescending(r => r.AmountEur).ThenByDescending(r => r.Grants).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ThenBy(r => r.Key.Length).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private static BriefingBreakdown Breakdown(IEnumerable<BriefingRow> rows, int withoutValue, bool alreadyRanked = false)
    {
        var ranked = alreadyRanked ? rows.ToList() : Rank(rows);
        // Folding a single value into "other" would hide it for nothing, so "other" holds two or more.
        var shown = ranked.Count <= TopValues + 1 ? ranked.Count : TopValues;
        var rest = ranked.Skip(shown).ToList();
        var other = rest.Count == 0 ? null : new BriefingRemainder(rest.Count, rest.Sum(r => r.Grants), rest.Sum(r => r.AmountEur), rest.Sum(r => r.GrantsWithoutEur));
        return new BriefingBreakdown(ranked.Take(shown).ToList(), other, withoutValue);
    }

    /// <summary>The first few grants in the given order, read in full (title, amount, first funder) in one query.</summary>
    private async Task<IReadOnlyList<BriefingGrant>> NotableAsync(IEnumerable<GrantFacts> ordered, CancellationToken ct)
    {
        var chosen = ordered.Take(NotableGrants).Select(g => g.Id).ToList();
        if (chosen.Count == 0) return [];
        var rows = await db.Grants.AsNoTracking().Where(g => chosen.Contains(g.Id))
            .Select(g => new BriefingGrant(g.Id, g.Title, g.AwardDate, g.AmountAwarded, g.Currency, g.AmountEur,
                g.Participants.Where(p => p.Role == ParticipantRole.Funder).OrderBy(p => p.Position).Select(p => p.Organisation.Name).FirstOrDefault(),
                "/grants/" + g.Id))
            .ToDictionaryAsync(g => g.Id, ct);
        return chosen.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private async Task<IReadOnlyList<BriefingPartnership>> PartnershipsAsync(List<Pair<int>> links, IReadOnlyDictionary<long, GrantFacts> grants, string search, CancellationToken ct)
    {
        var totals = TotalsBy(links, grants);
        if (totals.Count == 0) return [];
        var partnershipIds = totals.Keys.ToList();
        var partnerships = await db.Partnerships.AsNoTracking().Where(p => partnershipIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Slug, p.Acronym, p.Name, p.Secretariat, p.Website })
            .ToDictionaryAsync(p => p.Id, ct);
        return totals.Where(t => partnerships.ContainsKey(t.Key))
            .Select(t => (Total: t.Value, Partnership: partnerships[t.Key]))
            .OrderByDescending(x => x.Total.Grants).ThenByDescending(x => x.Total.AmountEur).ThenBy(x => x.Partnership.Acronym, StringComparer.Ordinal)
            .Select(x => new BriefingPartnership(x.Partnership.Slug, x.Partnership.Acronym, x.Partnership.Name, x.Total.Grants, x.Total.AmountEur,
                x.Total.GrantsWithoutEur, x.Partnership.Secretariat, x.Partnership.Website, $"/partnerships/{x.Partnership.Slug}",
                $"{search}&partnership={Uri.EscapeDataString(x.Partnership.Slug)}"))
            .ToList();
    }
}
