using System.Globalization;

namespace HealthAccord.Bench.Generation;

/// <summary>Annual average euro rates from the committed ecb-annual-rates.tsv.</summary>
internal sealed class ExchangeRates
{
    /// <summary>The currencies funders pay in; all have ECB quotes for every year from 2000.</summary>
    public static readonly IReadOnlyList<string> Currencies = ["EUR", "GBP", "USD", "CHF", "CAD", "JPY", "ZAR", "AUD", "SEK", "NOK", "DKK"];

    private readonly Dictionary<(int Year, string Currency), decimal> _unitsPerEuro;

    private ExchangeRates(Dictionary<(int Year, string Currency), decimal> unitsPerEuro) => _unitsPerEuro = unitsPerEuro;

    /// <summary>How many units of the currency one euro bought on average in that year.</summary>
    public decimal UnitsPerEuro(int year, string currency) =>
        currency == "EUR" ? 1m
        : _unitsPerEuro.TryGetValue((year, currency), out var rate) ? rate
        : throw new InvalidOperationException($"No ECB average for {currency} in {year}.");

    public static ExchangeRates Load()
    {
        var rates = new Dictionary<(int, string), decimal>();
        using var reader = EmbeddedTables.Open("ecb-annual-rates.tsv");
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (!sawHeader) { sawHeader = true; continue; }
            var cells = line.Split('\t');
            rates[(int.Parse(cells[0], CultureInfo.InvariantCulture), cells[1])] = decimal.Parse(cells[2], CultureInfo.InvariantCulture);
        }
        return new ExchangeRates(rates);
    }
}
