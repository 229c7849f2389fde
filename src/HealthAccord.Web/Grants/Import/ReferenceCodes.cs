using System.Collections.Frozen;
using HealthAccord.Web.Data;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// The currency and country codes a grant may use: the same ISO lists the registry seeds its reference tables
/// from (Data/Seed), so every code that passes here has a row to point at.
/// </summary>
internal static class ReferenceCodes
{
    private static readonly Lazy<FrozenSet<string>> CurrencySet = new(() =>
        ReferenceDataSeeder.LoadCurrencies().Select(c => c.Code).ToFrozenSet(StringComparer.Ordinal));

    private static readonly Lazy<FrozenSet<string>> CountrySet = new(() =>
        ReferenceDataSeeder.LoadCountries().Select(c => c.Code).ToFrozenSet(StringComparer.Ordinal));

    private static readonly Lazy<FrozenDictionary<string, string>> CountryNames = new(LoadCountryNames);

    public static bool IsCurrency(string code) => CurrencySet.Value.Contains(code);

    public static bool IsCountry(string code) => CountrySet.Value.Contains(code);

    /// <summary>
    /// Upper-cases a two-letter code and maps the two non-ISO codes grant data uses: "UK" (360Giving publishers,
    /// CORDIS) for GB and "EL" (CORDIS, the EU's code for Greece) for GR.
    /// </summary>
    public static string NormaliseCountryCode(string code)
    {
        var upper = code.Trim().ToUpperInvariant();
        return upper switch
        {
            "UK" => "GB",
            "EL" => "GR",
            _ => upper,
        };
    }

    /// <summary>
    /// Reads a free-text country (a 360Giving <c>addressCountry</c>): a code, an alpha-3 code or an English name.
    /// Null when it names nothing recognisable ("Commonwealth"), which callers ignore rather than report, since the
    /// field is an address line, not a code.
    /// </summary>
    public static string? CountryFromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        if (trimmed.Length == 2)
        {
            var code = NormaliseCountryCode(trimmed);
            return IsCountry(code) ? code : null;
        }
        return CountryNames.Value.GetValueOrDefault(trimmed);
    }

    private static FrozenDictionary<string, string> LoadCountryNames()
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // UK publishers often give the home nation as the country of a recipient's address.
            ["England"] = "GB",
            ["Scotland"] = "GB",
            ["Wales"] = "GB",
            ["Northern Ireland"] = "GB",
            ["Great Britain"] = "GB",
            // The seed's names for these two are the short codes ("UK", "US") and the long official names; addresses
            // mostly say neither.
            ["United Kingdom"] = "GB",
            ["United States"] = "US",
        };
        foreach (var row in SeedFiles.ReadCsv("country-codes.csv"))
        {
            var code = row.GetValueOrDefault("ISO3166-1-Alpha-2", "");
            if (code.Length != 2) continue;
            foreach (var column in (string[])["ISO3166-1-Alpha-3", "CLDR display name", "official_name_en", "UNTERM English Short"])
            {
                var name = row.GetValueOrDefault(column, "");
                // UNTERM writes "Netherlands (the)"; publishers write "Netherlands".
                if (name.EndsWith(" (the)", StringComparison.Ordinal)) name = name[..^6];
                if (name.Length > 2) names.TryAdd(name, code);
            }
        }
        return names.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
