using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Pathogens;

/// <summary>
/// The countries a briefing is asked to single out, as the API's and the page's <c>countries</c> parameter gives them:
/// ISO 3166-1 alpha-2 codes, comma-separated and/or repeated, any letter case.
/// </summary>
public static class BriefingCountries
{
    public const string Field = "countries";

    /// <summary>More would no longer be a focus, and each one is a value in the query.</summary>
    public const int MaxCountries = 30;

    /// <summary>The codes upper-cased and without repeats, in the order given; problems are added to <paramref name="validation"/>.</summary>
    public static IReadOnlyList<string> Parse(IEnumerable<string?> values, IReadOnlyDictionary<string, string> knownCountries, Validation validation)
    {
        var codes = new List<string>();
        foreach (var part in values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var code = part.ToUpperInvariant();
            if (code.Length != 2 || !knownCountries.ContainsKey(code))
                validation.Add(Field, $"'{Shorten(part)}' is not a country code: use ISO 3166-1 alpha-2 codes such as GN or SL, separated by commas.");
            else if (!codes.Contains(code)) codes.Add(code);
        }
        if (codes.Count > MaxCountries) validation.Add(Field, $"At most {MaxCountries} countries can be singled out; {codes.Count} were given.");
        return codes;
    }

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
