using System.Diagnostics;
using HealthAccord.Web.Grants;

namespace HealthAccord.Tests.Grants;

public sealed class ExchangeRatesTests
{
    // Loaded once for the class: the tests below only read it, as the application's singleton would.
    private static readonly ExchangeRates Shipped = ExchangeRates.LoadDefault();

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_shipped_file_spans_1999_01_04_to_2025_05_09_with_41_currencies()
    {
        Assert.Equal(Day("1999-01-04"), Shipped.FirstDate);
        Assert.Equal(Day("2025-05-09"), Shipped.LatestDate);
        Assert.Equal(41, Shipped.Currencies.Count);
        Assert.Contains("GBP", Shipped.Currencies);
        Assert.DoesNotContain("EUR", Shipped.Currencies);
    }

    [Fact]
    public void GBP_on_a_business_day_uses_that_days_rate()
    {
        Assert.True(Shipped.TryConvertToEur(10_000m, "GBP", Day("2020-03-17"), out var conversion));
        Assert.Equal(0.90823m, conversion.Rate);
        Assert.Equal(Day("2020-03-17"), conversion.RateDate);
        Assert.Equal(11_010.43m, conversion.AmountEur);
        Assert.Null(conversion.WhyNot);
    }

    [Theory]
    [InlineData("2020-03-21")] // Saturday
    [InlineData("2020-03-22")] // Sunday
    public void A_weekend_award_date_uses_the_Friday_rate(string awardDate)
    {
        Assert.True(Shipped.TryConvertToEur(10_000m, "GBP", Day(awardDate), out var conversion));
        Assert.Equal(Day("2020-03-20"), conversion.RateDate);
        Assert.Equal(0.91028m, conversion.Rate);
        Assert.Equal(10_985.63m, conversion.AmountEur);
    }

    [Theory]
    [InlineData("2025-04-18")] // Good Friday: TARGET closed
    [InlineData("2025-04-21")] // Easter Monday, four days after the last quote
    public void A_TARGET_holiday_uses_the_last_business_day_before_it(string awardDate)
    {
        Assert.True(Shipped.TryConvertToEur(250_000m, "USD", Day(awardDate), out var conversion));
        Assert.Equal(Day("2025-04-17"), conversion.RateDate);
        Assert.Equal(1.136m, conversion.Rate);
        Assert.Equal(220_070.42m, conversion.AmountEur);
    }

    [Fact]
    public void A_currency_marked_NA_on_the_award_date_falls_back_to_its_previous_quote()
    {
        // 2008-12-10 is a business day with quotes for other currencies, but ISK is N/A: the ECB suspended it.
        Assert.True(Shipped.TryConvertToEur(1_000m, "ISK", Day("2008-12-10"), out var conversion));
        Assert.Equal(Day("2008-12-09"), conversion.RateDate);
        Assert.Equal(290m, conversion.Rate);
        Assert.Equal(3.45m, conversion.AmountEur);
    }

    [Fact]
    public void JPY_amounts_convert_at_yen_per_euro()
    {
        Assert.True(Shipped.TryConvertToEur(5_000_000m, "JPY", Day("2015-06-01"), out var conversion));
        Assert.Equal(135.79m, conversion.Rate);
        Assert.Equal(36_821.56m, conversion.AmountEur);
    }

    [Theory]
    [InlineData("1998-12-31")]
    [InlineData("2025-05-09")]
    [InlineData("2031-01-01")]
    public void EUR_converts_at_rate_1_on_the_award_date(string awardDate)
    {
        Assert.True(Shipped.TryConvertToEur(1_234.5m, "EUR", Day(awardDate), out var conversion));
        Assert.Equal(1m, conversion.Rate);
        Assert.Equal(Day(awardDate), conversion.RateDate);
        Assert.Equal(1_234.5m, conversion.AmountEur);
    }

    [Fact]
    public void Currency_codes_are_read_in_any_letter_case_and_with_surrounding_spaces()
    {
        Assert.True(Shipped.TryConvertToEur(10_000m, " gbp ", Day("2020-03-17"), out var conversion));
        Assert.Equal(0.90823m, conversion.Rate);
    }

    [Fact]
    public void Midpoints_round_away_from_zero()
    {
        // 0.005626 USD at 1.1252 USD per euro is exactly 0.005 EUR; banker's rounding would give 0.00.
        Assert.True(Shipped.TryConvertToEur(0.005626m, "USD", Day("2025-05-09"), out var up));
        Assert.Equal(0.01m, up.AmountEur);
        Assert.True(Shipped.TryConvertToEur(-0.005626m, "USD", Day("2025-05-09"), out var down));
        Assert.Equal(-0.01m, down.AmountEur);
        Assert.True(Shipped.TryConvertToEur(2.345m, "EUR", Day("2025-05-09"), out var euro));
        Assert.Equal(2.35m, euro.AmountEur);
    }

    [Fact]
    public void An_award_date_before_the_first_quote_fails_with_the_reason()
    {
        Assert.False(Shipped.TryConvertToEur(10_000m, "USD", Day("1998-12-31"), out var conversion));
        Assert.Equal("ECB reference rates start on 1999-01-04, after the award date 1998-12-31.", conversion.WhyNot);
        Assert.Equal(0m, conversion.AmountEur);
    }

    [Fact]
    public void An_award_date_before_a_currency_was_first_quoted_fails()
    {
        Assert.False(Shipped.TryConvertToEur(10_000m, "BRL", Day("2005-06-01"), out var conversion));
        Assert.Equal("The ECB quoted BRL only from 2008-01-02, after the award date 2005-06-01.", conversion.WhyNot);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("EURO")]
    public void A_currency_the_ECB_never_quoted_fails(string currency)
    {
        Assert.False(Shipped.TryConvertToEur(10_000m, currency, Day("2020-03-17"), out var conversion));
        Assert.Equal($"The ECB publishes no euro reference rate for {currency}; it quotes 41 currencies.", conversion.WhyNot);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_currency_fails(string currency)
    {
        Assert.False(Shipped.TryConvertToEur(10_000m, currency, Day("2020-03-17"), out var conversion));
        Assert.Equal("The grant has no currency, so it cannot be converted to euro.", conversion.WhyNot);
    }

    [Theory]
    [InlineData("2025-05-10", "2025-05-09")]
    [InlineData("2025-05-16", "2025-05-09")] // seven days after the last quote: still used
    public void Up_to_seven_days_after_the_last_quote_the_last_quote_is_used(string awardDate, string rateDate)
    {
        Assert.True(Shipped.TryConvertToEur(100_000m, "USD", Day(awardDate), out var conversion));
        Assert.Equal(Day(rateDate), conversion.RateDate);
        Assert.Equal(1.1252m, conversion.Rate);
        Assert.Equal(88_873.09m, conversion.AmountEur);
    }

    [Fact]
    public void More_than_seven_days_after_the_last_quote_fails_saying_where_the_rates_end()
    {
        Assert.False(Shipped.TryConvertToEur(100_000m, "USD", Day("2025-05-17"), out var conversion));
        Assert.Equal(
            "The ECB rates shipped with HealthAccord end on 2025-05-09, more than 7 days before the award date 2025-05-17.",
            conversion.WhyNot);
    }

    [Fact]
    public void A_currency_the_ECB_stopped_quoting_is_not_converted_at_its_last_rate_years_later()
    {
        Assert.True(Shipped.TryConvertToEur(1_000m, "RUB", Day("2022-03-02"), out var lastWeek));
        Assert.Equal(Day("2022-03-01"), lastWeek.RateDate);

        Assert.False(Shipped.TryConvertToEur(1_000m, "RUB", Day("2023-06-01"), out var conversion));
        Assert.Equal("The ECB stopped quoting RUB after 2022-03-01, more than 7 days before the award date 2023-06-01.", conversion.WhyNot);
    }

    [Fact]
    public void A_long_suspension_inside_a_currencys_history_fails()
    {
        Assert.False(Shipped.TryConvertToEur(1_000m, "ISK", Day("2012-05-15"), out var conversion));
        Assert.Equal("The ECB published no ISK rate between 2008-12-09 and the award date 2012-05-15.", conversion.WhyNot);
    }

    [Fact]
    public void Loading_the_shipped_file_takes_well_under_a_second()
    {
        ExchangeRates.LoadDefault(); // warm-up: the first call also pays for JIT and the file cache
        var clock = Stopwatch.StartNew();
        var rates = ExchangeRates.LoadDefault();
        clock.Stop();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Loaded {rates.Currencies.Count} currencies to {rates.LatestDate:yyyy-MM-dd} in {clock.Elapsed.TotalMilliseconds:F1} ms.");
        // The target is well under 100 ms: a warm Release load takes 12-25 ms on the development machine, but this
        // Debug test run has shown 140 ms on the same machine when busy. The bound is loose so a busy CI runner does not
        // fail the build, while a parser that became quadratic still would.
        Assert.True(clock.ElapsedMilliseconds < 1_000, $"Loading took {clock.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public void Every_quote_in_the_shipped_file_is_found_on_its_own_day_with_the_value_decimal_Parse_reads()
    {
        // An independent, slow reading of the same file: catches a mistake in the fast rate parser or in the column
        // mapping that the hand-picked values above would miss.
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "Seed", ExchangeRates.DefaultFileName));
        var header = lines[0].Split(',');
        var checkedQuotes = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var day = Day(cells[0]);
            for (var column = 1; column < header.Length; column++)
            {
                if (header[column].Length == 0 || cells[column] == "N/A") continue;
                var expected = decimal.Parse(cells[column], System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(Shipped.TryConvertToEur(expected, header[column], day, out var conversion), conversion.WhyNot);
                Assert.Equal(day, conversion.RateDate);
                Assert.Equal(expected, conversion.Rate);
                Assert.Equal(1m, conversion.AmountEur);
                checkedQuotes++;
            }
        }
        Assert.True(checkedQuotes > 200_000, $"Only {checkedQuotes} quotes were checked.");
    }

    [Fact]
    public void A_reader_gives_rates_from_any_text_in_the_ECB_layout()
    {
        const string csv = """
            Date,USD,XAU,GBP,
            2024-01-03,1.0919,N/A,0.86518,
            2024-01-02,1.0956,N/A,N/A,
            """;
        var rates = ExchangeRates.Load(new StringReader(csv));

        Assert.Equal(Day("2024-01-02"), rates.FirstDate);
        Assert.Equal(Day("2024-01-03"), rates.LatestDate);
        Assert.Equal(["USD", "GBP"], rates.Currencies.Order(StringComparer.Ordinal).Reverse());
        Assert.True(rates.TryConvertToEur(1_000m, "USD", Day("2024-01-02"), out var usd));
        Assert.Equal(1.0956m, usd.Rate);
        Assert.False(rates.TryConvertToEur(1_000m, "GBP", Day("2024-01-02"), out var gbp));
        Assert.Equal("The ECB quoted GBP only from 2024-01-03, after the award date 2024-01-02.", gbp.WhyNot);
    }

    [Theory]
    [InlineData("Day,USD,\n2024-01-02,1.0956,\n")]
    [InlineData("Date,usd,\n2024-01-02,1.0956,\n")]
    [InlineData("Date,USD,\n02/01/2024,1.0956,\n")]
    [InlineData("Date,USD,\n2024-01-02,1,0956,\n")]
    [InlineData("Date,USD,\n2024-01-02,-1.0956,\n")]
    [InlineData("Date,USD,\n2024-01-02,1.09.56,\n")]
    [InlineData("Date,USD,\n2024-01-02,0,\n")]
    [InlineData("Date,USD,\n2024-01-02,.,\n")]
    [InlineData("Date,USD,\n2024-01-02,1.0956,2.5,\n")]
    [InlineData("Date,USD,\n")]
    [InlineData("")]
    public void Text_not_in_the_ECB_layout_is_refused(string csv) =>
        Assert.Throws<FormatException>(() => ExchangeRates.Load(new StringReader(csv)));
}
