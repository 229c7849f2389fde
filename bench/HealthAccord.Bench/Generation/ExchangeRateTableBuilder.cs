using System.Globalization;
using System.Text;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// Averages the ECB's daily euro reference rates per calendar year, for the committed ecb-annual-rates.tsv. A year's
/// average is close enough to price a synthetic grant and keeps the table a few kilobytes instead of 1.8 MB.
/// Run again only when the rates file changes: `dotnet run --project bench/HealthAccord.Bench -- exchange-rates`.
/// </summary>
internal static class ExchangeRateTableBuilder
{
    public const string RatesFile = "reference/exchange-rates/eurofxref-hist.csv";

    public static int Build(string dataFolder, string outputPath)
    {
        var lines = File.ReadAllLines(Path.Combine(dataFolder, RatesFile));
        var header = lines[0].Split(',');
        var wanted = ExchangeRates.Currencies.Where(c => c != "EUR").ToArray();
        var missing = wanted.FirstOrDefault(c => !header.Contains(c));
        if (missing is not null) throw new InvalidOperationException($"{missing} is not a column of {RatesFile}.");
        var columns = wanted.ToDictionary(c => c, c => Array.IndexOf(header, c));

        var sums = new SortedDictionary<(int Year, string Currency), (decimal Sum, int Days)>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var year = int.Parse(cells[0].AsSpan(0, 4), CultureInfo.InvariantCulture);
            foreach (var (currency, column) in columns)
            {
                // "N/A" marks days without a quote; those days simply do not count towards the average.
                if (!decimal.TryParse(cells[column], NumberStyles.Number, CultureInfo.InvariantCulture, out var rate)) continue;
                var (sum, days) = sums.GetValueOrDefault((year, currency));
                sums[(year, currency)] = (sum + rate, days + 1);
            }
        }

        var table = new StringBuilder();
        table.Append("# Annual averages of the ECB euro foreign exchange reference rates (units of currency per 1 EUR), for\n");
        table.Append("# HealthAccord's synthetic grant generator. Source: shared/data/reference/exchange-rates/eurofxref-hist.csv,\n");
        table.Append("# from h0tbird/eurofxref @ d21ffee4b337f6d7ea9eb59045155aadf7b48b98, ECB data (reuse allowed with source\n");
        table.Append("# attribution: European Central Bank). 2025 covers 2025-01-02..2025-05-09 only. Years without a quote are absent.\n");
        table.Append("# Built by: dotnet run --project bench/HealthAccord.Bench -- exchange-rates\n");
        table.Append("year\tcurrency\tunitsPerEuro\tdays\n");
        foreach (var ((year, currency), (sum, days)) in sums)
            table.Append(CultureInfo.InvariantCulture, $"{year}\t{currency}\t{Math.Round(sum / days, 6, MidpointRounding.ToEven)}\t{days}\n");
        File.WriteAllText(outputPath, table.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return sums.Count;
    }
}
