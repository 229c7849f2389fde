using System.Globalization;
using System.Xml.Linq;
using HealthAccord.Data;
using HealthAccord.Data.Reference;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Data;

/// <summary>
/// Countries (ISO 3166-1 with World Bank income groups) and currencies (ISO 4217). Adds what is missing and
/// leaves existing rows alone, so it is safe on every start.
/// </summary>
public static class ReferenceDataSeeder
{
    // The 27 member states since 1 February 2020.
    private static readonly HashSet<string> EuMemberStates =
    [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];

    // CLDR's display names abbreviate these two, which reads oddly in tables beside full names.
    private static readonly Dictionary<string, string> ShortNameOverrides = new()
    {
        ["GB"] = "United Kingdom",
        ["US"] = "United States",
    };

    public static async Task<int> EnsureAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var added = 0;
        var knownCountries = await db.Countries.Select(c => c.Code).ToHashSetAsync(ct);
        foreach (var country in LoadCountries().Where(c => !knownCountries.Contains(c.Code)))
        {
            db.Countries.Add(country);
            added++;
        }
        var knownCurrencies = await db.Currencies.Select(c => c.Code).ToHashSetAsync(ct);
        foreach (var currency in LoadCurrencies().Where(c => !knownCurrencies.Contains(c.Code)))
        {
            db.Currencies.Add(currency);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    public static List<Country> LoadCountries()
    {
        var incomeByAlpha3 = SeedFiles.ReadCsv("worldbank-CLASS-income-groups.csv")
            .Where(r => r.GetValueOrDefault("Code", "").Length == 3 && r.GetValueOrDefault("Income group", "").Length > 0)
            .ToDictionary(r => r["Code"], r => r["Income group"]);

        var countries = new List<Country>();
        foreach (var row in SeedFiles.ReadCsv("country-codes.csv"))
        {
            var code = row.GetValueOrDefault("ISO3166-1-Alpha-2", "");
            var alpha3 = row.GetValueOrDefault("ISO3166-1-Alpha-3", "");
            if (code.Length != 2 || alpha3.Length != 3) continue;
            var name = ShortNameOverrides.GetValueOrDefault(code)
                ?? row.GetValueOrDefault("CLDR display name").NullIfEmpty()
                ?? row.GetValueOrDefault("UNTERM English Short").NullIfEmpty()
                ?? row["official_name_en"];
            countries.Add(new Country
            {
                Code = code,
                Alpha3 = alpha3,
                Name = name,
                Region = row.GetValueOrDefault("Region Name").NullIfEmpty(),
                SubRegion = row.GetValueOrDefault("Sub-region Name").NullIfEmpty(),
                IncomeGroup = incomeByAlpha3.GetValueOrDefault(alpha3),
                CurrencyCode = row.GetValueOrDefault("ISO4217-currency_alphabetic_code").NullIfEmpty() is { Length: 3 } ccy ? ccy : null,
                IsEuMemberState = EuMemberStates.Contains(code),
            });
        }
        // "EU" is reserved in ISO 3166-1 for the European Union, which joins partnerships and signs agreements
        // in its own right; EUU is the World Bank's code for the same aggregate.
        countries.Add(new Country
        {
            Code = "EU",
            Alpha3 = "EUU",
            Name = "European Union",
            Region = "Europe",
            CurrencyCode = "EUR",
            IsSupranational = true,
        });
        return countries;
    }

    public static List<Currency> LoadCurrencies()
    {
        var document = XDocument.Load(SeedFiles.PathOf("iso-4217-list-one.xml"));
        return document.Descendants("CcyNtry")
            .Where(e => !string.IsNullOrWhiteSpace((string?)e.Element("Ccy")))
            .GroupBy(e => (string)e.Element("Ccy")!)
            .Select(g => g.First())
            .Select(e => new Currency
            {
                Code = (string)e.Element("Ccy")!,
                Name = ((string?)e.Element("CcyNm") ?? "").Trim(),
                NumericCode = int.TryParse((string?)e.Element("CcyNbr"), CultureInfo.InvariantCulture, out var n) ? n : null,
                MinorUnits = int.TryParse((string?)e.Element("CcyMnrUnts"), CultureInfo.InvariantCulture, out var m) ? m : null,
            })
            .ToList();
    }
}
