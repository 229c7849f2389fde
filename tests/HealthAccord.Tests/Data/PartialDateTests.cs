using HealthAccord.Data.Common;

namespace HealthAccord.Tests.Data;

public sealed class PartialDateTests
{
    [Theory]
    [InlineData("2003", 2003, null, null)]
    [InlineData("1989-07", 1989, 7, null)]
    [InlineData("1997-12-05", 1997, 12, 5)]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData(" 2003-01 ", 2003, 1, null)]
    public void Parses_year_month_and_day_precision(string text, int year, int? month, int? day)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(date, PartialDate.Parse(text));
    }

    [Theory]
    [InlineData("2003")]
    [InlineData("1989-07")]
    [InlineData("1997-12-05")]
    public void Formats_back_to_the_text_it_was_parsed_from(string text) => Assert.Equal(text, PartialDate.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("03")]
    [InlineData("999")]
    [InlineData("0999")]
    [InlineData("20031")]
    [InlineData("2003-7")]
    [InlineData("2003-007")]
    [InlineData("2003-00")]
    [InlineData("2003-13")]
    [InlineData("2003-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2003-01-00")]
    [InlineData("2003-01-01-01")]
    [InlineData("2003--01")]
    [InlineData("2003/01")]
    [InlineData("+2003")]
    [InlineData("abcd")]
    [InlineData("c.2003")]
    public void Rejects_what_is_not_YYYY_YYYY_MM_or_YYYY_MM_DD(string text)
    {
        Assert.False(PartialDate.TryParse(text, out _));
        Assert.Throws<FormatException>(() => PartialDate.Parse(text));
    }

    [Fact]
    public void Rejects_null() => Assert.False(PartialDate.TryParse(null, out _));

    [Theory]
    [InlineData(2003, 13, null)]
    [InlineData(2003, 0, null)]
    [InlineData(2003, null, 1)]
    [InlineData(2003, 2, 29)]
    [InlineData(999, null, null)]
    public void The_constructor_refuses_impossible_dates(int year, int? month, int? day) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialDate(year, month, day));

    [Theory]
    [InlineData("2003", "2003-01-01", "2003-12-31")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    [InlineData("2023-02", "2023-02-01", "2023-02-28")]
    [InlineData("2011-04", "2011-04-01", "2011-04-30")]
    [InlineData("1997-12-05", "1997-12-05", "1997-12-05")]
    public void Earliest_and_Latest_span_every_day_the_value_can_mean(string text, string earliest, string latest)
    {
        var date = PartialDate.Parse(text);
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), date.Earliest);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), date.Latest);
    }

    [Fact]
    public void Sorts_chronologically_with_a_less_precise_date_before_the_more_precise_ones_it_contains()
    {
        string[] shuffled = ["2004", "2003-02", "2003-01-01", "1999-12-31", "2003", "2003-01", "2003-01-15"];
        var sorted = shuffled.Select(PartialDate.Parse).Order().Select(d => d.ToString());
        Assert.Equal(["1999-12-31", "2003", "2003-01", "2003-01-01", "2003-01-15", "2003-02", "2004"], sorted);
    }

    [Fact]
    public void Comparison_operators_agree_with_CompareTo()
    {
        var earlier = PartialDate.Parse("2003-06");
        var later = PartialDate.Parse("2003-11-02");
        Assert.True(earlier < later);
        Assert.True(later > earlier);
        Assert.True(earlier <= PartialDate.Parse("2003-06"));
        Assert.True(later >= PartialDate.Parse("2003-11-02"));
        Assert.Equal(0, earlier.CompareTo(new PartialDate(2003, 6)));
        Assert.NotEqual(PartialDate.Parse("2003"), PartialDate.Parse("2003-01"));
    }

    [Theory]
    [InlineData("1997-12-05", "5 December 1997")]
    [InlineData("1989-07", "July 1989")]
    [InlineData("2003", "2003")]
    public void Displays_for_readers(string text, string display) => Assert.Equal(display, PartialDate.Parse(text).ToDisplayString());

    [Fact]
    public void FromDate_keeps_day_precision() => Assert.Equal("2026-11-28", PartialDate.FromDate(new DateOnly(2026, 11, 28)).ToString());
}
