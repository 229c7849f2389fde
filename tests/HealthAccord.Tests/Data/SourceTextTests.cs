using HealthAccord.Data.Registry;

namespace HealthAccord.Tests.Data;

public sealed class SourceTextTests
{
    [Theory]
    [InlineData("c.2017", "2017")]
    [InlineData("c. 2017", "2017")]
    [InlineData("2015/16", "2016")]
    [InlineData("2015/2016", "2016")]
    [InlineData("2011-12", "2011-12")]
    [InlineData("2017-03", "2017-03")]
    [InlineData("2016-02-26", "2016-02-26")]
    [InlineData("2021", "2021")]
    [InlineData("early 2020", "2020")]
    public void ParsePeriod_reads_the_period_a_value_belongs_to(string text, string expected) =>
        Assert.Equal(expected, SourceText.ParsePeriod(text)?.ToString());

    [Theory]
    [InlineData("undated")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("phase 1")]
    [InlineData("17")]
    public void ParsePeriod_gives_null_when_there_is_no_date(string? text) => Assert.Null(SourceText.ParsePeriod(text));

    [Theory]
    [InlineData("over 7000 (from >70 countries)", 7000)]
    [InlineData("1,000", 1000)]
    [InlineData("1,000,000", 1000000)]
    [InlineData("25000", 25000)]
    [InlineData("48", 48)]
    [InlineData("32 (+5 observers)", 32)]
    [InlineData("12.5", 12.5)]
    [InlineData("almost 600", 600)]
    [InlineData(">70 countries", 70)]
    [InlineData("0 (2010)", 0)]
    public void ParseQuantity_reads_the_leading_number(string text, double expected) =>
        Assert.Equal((decimal)expected, SourceText.ParseQuantity(text));

    [Theory]
    [InlineData("4th topic")]
    [InlineData("lessen global TBI burden")]
    [InlineData("vision realised")]
    [InlineData("1,00")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseQuantity_gives_null_when_the_text_does_not_start_with_a_quantity(string? text) =>
        Assert.Null(SourceText.ParseQuantity(text));

    [Theory]
    [InlineData("2017-2020 (EU Horizon 2020 funding)", "2020")]
    [InlineData("2030", "2030")]
    [InlineData("c. 2029 (over ten years)", "2029")]
    [InlineData("2024-12 (planned \"late 2024\")", "2024-12")]
    [InlineData("2031", "2031")]
    public void ParseDeadline_reads_the_last_day_a_goal_may_take(string text, string expected) =>
        Assert.Equal(expected, SourceText.ParseDeadline(text)?.ToString());

    [Theory]
    [InlineData("ongoing")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseDeadline_gives_null_for_open_ended_goals(string? text) => Assert.Null(SourceText.ParseDeadline(text));

    // Known bug (see the test report): the two-digit end of a year span is added to the start's century, so a span
    // across a century boundary lands 100 years early.
    [Fact]
    public void ParsePeriod_carries_a_two_digit_span_end_into_the_next_century() =>
        Assert.Equal("2000", SourceText.ParsePeriod("1999/00")?.ToString());

    // Known bug (see the test report): the span end accepts 2 to 4 digits, and a 3-digit or pre-1000 end is passed
    // to the PartialDate constructor, which throws. The seeder calls ParsePeriod on every measurement label, so one
    // such label in the compiled files would stop the app from starting.
    [Theory]
    [InlineData("2015/201")]
    [InlineData("2015/0999")]
    public void ParsePeriod_does_not_throw_on_an_odd_span_end(string text)
    {
        var exception = Record.Exception(() => SourceText.ParsePeriod(text));
        Assert.Null(exception);
    }
}
