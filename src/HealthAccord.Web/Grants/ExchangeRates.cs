using System.Globalization;
using HealthAccord.Web.Data;

namespace HealthAccord.Web.Grants;

/// <summary>
/// ECB euro reference rates, read once from <c>Data/Seed/eurofxref-hist.csv</c> and kept in memory; safe to share as a
/// singleton because nothing changes after loading.
/// </summary>
/// <remarks>
/// A grant is converted with the rate of its award date or, when the ECB published none that day (weekend, TARGET
/// holiday, currency not quoted), the nearest earlier quote for that currency. That quote may be at most
/// <see cref="MaxRateAgeDays"/> days older than the award date: the longest closure in the file (Easter, Thursday to
/// Tuesday) is 5 days, so a wider gap means the ECB stopped quoting the currency (RUB after March 2022, the legacy
/// currencies of euro-area entrants, ISK from 2008 to 2018) or the award is later than the shipped file reaches. A
/// years-old rate would give a believable but wrong euro amount, so those cases fail with a reason instead.
/// </remarks>
public sealed class ExchangeRates
{
    public const string DefaultFileName = "eurofxref-hist.csv";

    /// <summary>How much older than the award date a quote may be and still be used.</summary>
    public const int MaxRateAgeDays = 7;

    private readonly Dictionary<string, CurrencyRateSeries> series;

    private ExchangeRates(Dictionary<string, CurrencyRateSeries> series, DateOnly firstDate, DateOnly latestDate)
    {
        this.series = series;
        FirstDate = firstDate;
        LatestDate = latestDate;
    }

    /// <summary>The first day in the file (1999-01-04 for the shipped file).</summary>
    public DateOnly FirstDate { get; }

    /// <summary>The last day in the file (2025-05-09 for the shipped file).</summary>
    public DateOnly LatestDate { get; }

    /// <summary>ISO 4217 codes with at least one quote, EUR excluded.</summary>
    public IReadOnlyCollection<string> Currencies => series.Keys;

    /// <summary>Reads the file shipped in Data/Seed beside the application.</summary>
    public static ExchangeRates LoadDefault()
    {
        using var reader = new StreamReader(SeedFiles.PathOf(DefaultFileName));
        return Load(reader);
    }

    /// <summary>Reads a file in the ECB's <c>eurofxref-hist.csv</c> layout; throws <see cref="FormatException"/> on anything else.</summary>
    public static ExchangeRates Load(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new FormatException("The exchange-rate file is empty.");
        var currencies = ReadHeader(header);

        // Reading the lines first gives the row count, so each currency gets one exactly sized pair of arrays instead
        // of growing lists that are copied again at the end (a decimal[] of 6,747 rates already sits on the large
        // object heap).
        var lines = new List<string>(8192);
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line)) lines.Add(line);
        }
        if (lines.Count == 0) throw new FormatException("The exchange-rate file has a header but no rates.");

        var dates = new DateOnly[currencies.Length][];
        var rates = new decimal[currencies.Length][];
        var counts = new int[currencies.Length];
        for (var i = 0; i < currencies.Length; i++)
        {
            dates[i] = new DateOnly[lines.Count];
            rates[i] = new decimal[lines.Count];
        }

        var first = DateOnly.MaxValue;
        var latest = DateOnly.MinValue;
        for (var row = 0; row < lines.Count; row++)
        {
            var date = ReadRow(lines[row], row + 2, currencies, dates, rates, counts);
            if (date < first) first = date;
            if (date > latest) latest = date;
        }

        var series = new Dictionary<string, CurrencyRateSeries>(StringComparer.Ordinal);
        for (var i = 0; i < currencies.Length; i++)
        {
            if (counts[i] == 0) continue;
            Array.Resize(ref dates[i], counts[i]);
            Array.Resize(ref rates[i], counts[i]);
            series[currencies[i]] = new CurrencyRateSeries(currencies[i], dates[i], rates[i]);
        }
        return new ExchangeRates(series, first, latest);
    }

    /// <summary>
    /// Converts <paramref name="amount"/> in <paramref name="currency"/> to euro at the ECB rate for
    /// <paramref name="awardDate"/> (see the class remarks for which rate that is). On failure
    /// <paramref name="conversion"/> carries the reason in <see cref="EurConversion.WhyNot"/>.
    /// </summary>
    /// <remarks>EUR needs no rate, so it converts at 1 on any award date, even one outside the file.</remarks>
    public bool TryConvertToEur(decimal amount, string currency, DateOnly awardDate, out EurConversion conversion)
    {
        var code = (currency ?? "").Trim().ToUpperInvariant();
        conversion = Convert(amount, code, awardDate);
        return conversion.Succeeded;
    }

    private EurConversion Convert(decimal amount, string code, DateOnly awardDate)
    {
        if (code.Length == 0) return EurConversion.Failed("The grant has no currency, so it cannot be converted to euro.");
        if (code == "EUR") return new EurConversion { AmountEur = RoundToCents(amount), Rate = 1m, RateDate = awardDate };
        if (!series.TryGetValue(code, out var quotes))
        {
            return EurConversion.Failed($"The ECB publishes no euro reference rate for {code}; it quotes {Currencies.Count} currencies.");
        }
        if (awardDate < FirstDate)
        {
            return EurConversion.Failed($"ECB reference rates start on {Iso(FirstDate)}, after the award date {Iso(awardDate)}.");
        }
        if (!quotes.TryFindOnOrBefore(awardDate, out var rateDate, out var rate))
        {
            return EurConversion.Failed($"The ECB quoted {code} only from {Iso(quotes.FirstDate)}, after the award date {Iso(awardDate)}.");
        }
        if (awardDate.DayNumber - rateDate.DayNumber > MaxRateAgeDays)
        {
            return EurConversion.Failed(rateDate == LatestDate
                ? $"The ECB rates shipped with HealthAccord end on {Iso(LatestDate)}, more than {MaxRateAgeDays} days before the award date {Iso(awardDate)}."
                : rateDate == quotes.LastDate
                    ? $"The ECB stopped quoting {code} after {Iso(rateDate)}, more than {MaxRateAgeDays} days before the award date {Iso(awardDate)}."
                    : $"The ECB published no {code} rate between {Iso(rateDate)} and the award date {Iso(awardDate)}.");
        }
        return new EurConversion { AmountEur = RoundToCents(amount / rate), Rate = rate, RateDate = rateDate };
    }

    private static decimal RoundToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] ReadHeader(string header)
    {
        var cells = header.TrimStart('\uFEFF').Split(',');
        if (cells[0].Trim() != "Date") throw new FormatException($"The exchange-rate file must start with a Date column, not '{cells[0]}'.");

        // The ECB ends every line with a comma, which leaves one empty column at the end.
        var count = cells.Length - 1;
        if (cells[^1].Trim().Length == 0) count--;
        var currencies = new string[count];
        for (var i = 0; i < count; i++)
        {
            var code = cells[i + 1].Trim();
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            {
                throw new FormatException($"Column {i + 2} of the exchange-rate header is '{code}', not an ISO 4217 code.");
            }
            currencies[i] = code;
        }
        return currencies;
    }

    private static DateOnly ReadRow(string line, int lineNumber, string[] currencies, DateOnly[][] dates, decimal[][] rates, int[] counts)
    {
        var row = line.AsSpan();
        var column = 0;
        DateOnly date = default;
        foreach (var range in row.Split(','))
        {
            var cell = row[range].Trim();
            if (column == 0)
            {
                if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
                {
                    throw new FormatException($"Line {lineNumber}: '{cell}' is not a yyyy-MM-dd date.");
                }
            }
            else if (column > currencies.Length)
            {
                if (!cell.IsEmpty) throw new FormatException($"Line {lineNumber} has more values than the header has currencies.");
            }
            else if (!cell.IsEmpty && !cell.SequenceEqual("N/A"))
            {
                if (!TryParseRate(cell, out var rate))
                {
                    throw new FormatException($"Line {lineNumber}: '{cell}' is not a rate for {currencies[column - 1]}.");
                }
                var index = counts[column - 1]++;
                dates[column - 1][index] = date;
                rates[column - 1][index] = rate;
            }
            column++;
        }
        return date;
    }

    /// <summary>
    /// Reads an unsigned decimal such as <c>0.90823</c> or <c>18606.59</c>. The file holds about 200,000 of them, and
    /// this loop is several times faster than the culture-aware <see cref="decimal.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out decimal)"/>.
    /// </summary>
    private static bool TryParseRate(ReadOnlySpan<char> text, out decimal rate)
    {
        rate = 0;
        long mantissa = 0;
        byte scale = 0;
        var digits = 0;
        var seenPoint = false;
        foreach (var ch in text)
        {
            if (ch == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }
            // 18 digits always fit in a long; ECB rates have at most 9 significant digits.
            if (!char.IsAsciiDigit(ch) || digits == 18) return false;
            mantissa = mantissa * 10 + (ch - '0');
            digits++;
            if (seenPoint) scale++;
        }
        if (digits == 0 || mantissa == 0) return false;
        rate = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, scale);
        return true;
    }
}
