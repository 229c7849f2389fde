using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Readable names for facet values: country and currency names, HRCS category labels, partnership acronyms and the
/// amount bands' wording. Reference data (countries, currencies, HRCS) is read once and kept; it is not edited while
/// the app runs. Partnerships are editable, so their names are read for each answer.
/// </summary>
public sealed class GrantLabels
{
    public const string HrcsFile = "hrcs_category.en.json";

    private readonly Lazy<IReadOnlyDictionary<string, string>> _hrcs = new(LoadHrcs);

    // Pathogen codes are stable identifiers in the index and the URL; readers see the catalogue's names.
    private static readonly IReadOnlyDictionary<string, string> PathogenNames =
        PathogenCatalogue.All.ToDictionary(p => p.Code, p => p.DisplayName, StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string>? _countries;
    private IReadOnlyDictionary<string, string>? _currencies;

    public IReadOnlyDictionary<string, string> Hrcs => _hrcs.Value;

    public string HrcsLabel(string code) => Hrcs.GetValueOrDefault(code, code);

    public static string PathogenLabel(string code) => PathogenNames.GetValueOrDefault(code, code);

    public async Task<IReadOnlyDictionary<string, string>> CountriesAsync(HealthAccordDbContext db, CancellationToken ct) =>
        _countries ??= await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, StringComparer.Ordinal, ct);

    public async Task<IReadOnlyDictionary<string, string>> CurrenciesAsync(HealthAccordDbContext db, CancellationToken ct) =>
        _currencies ??= await db.Currencies.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, StringComparer.Ordinal, ct);

    /// <summary>Country and currency names and HRCS labels together, for code that writes whole grant records.</summary>
    public async Task<GrantReferenceNames> ReferenceNamesAsync(HealthAccordDbContext db, CancellationToken ct) =>
        new(await CountriesAsync(db, ct), await CurrenciesAsync(db, ct), Hrcs);

    public async Task<GrantFacets> LabelAsync(IReadOnlyDictionary<GrantFacet, IReadOnlyList<FacetCount>> counts, HealthAccordDbContext db, CancellationToken ct)
    {
        var countries = await CountriesAsync(db, ct);
        var currencies = await CurrenciesAsync(db, ct);
        var slugs = counts[GrantFacet.Partnership].Select(c => c.Value).ToList();
        var partnerships = slugs.Count == 0
            ? new Dictionary<string, string>()
            : await db.Partnerships.AsNoTracking().Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, p => p.Acronym, ct);

        IReadOnlyList<FacetValue> Label(GrantFacet facet, Func<string, string> label) =>
            counts[facet].Select(c => new FacetValue(c.Value, label(c.Value), c.Count, c.Selected)).ToList();

        return new GrantFacets(
            Funder: Label(GrantFacet.Funder, v => v),
            Recipient: Label(GrantFacet.Recipient, v => v),
            Country: Label(GrantFacet.Country, v => countries.GetValueOrDefault(v, v)),
            Year: Label(GrantFacet.Year, v => v),
            AmountBand: Label(GrantFacet.AmountBand, AmountBands.Label),
            Currency: Label(GrantFacet.Currency, v => currencies.TryGetValue(v, out var name) ? $"{name} ({v})" : v),
            Partnership: Label(GrantFacet.Partnership, v => partnerships.GetValueOrDefault(v, v)),
            Pathogen: Label(GrantFacet.Pathogen, PathogenLabel),
            Hrcs: Label(GrantFacet.Hrcs, HrcsLabel));
    }

    /// <summary>The 21 HRCS health categories as the reference file ships them: [{"identifier":"018","label":{"en":"Infection"}}, …].</summary>
    private static IReadOnlyDictionary<string, string> LoadHrcs()
    {
        using var stream = File.OpenRead(SeedFiles.PathOf(HrcsFile));
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.EnumerateArray().ToDictionary(
            c => c.GetProperty("identifier").GetString()!,
            c => c.GetProperty("label").GetProperty("en").GetString()!,
            StringComparer.Ordinal);
    }
}

/// <summary>Names for the codes a grant record holds: countries, currencies and HRCS categories.</summary>
public sealed record GrantReferenceNames(
    IReadOnlyDictionary<string, string> Countries,
    IReadOnlyDictionary<string, string> Currencies,
    IReadOnlyDictionary<string, string> Hrcs)
{
    public string HrcsLabel(string code) => Hrcs.GetValueOrDefault(code, code);
}
