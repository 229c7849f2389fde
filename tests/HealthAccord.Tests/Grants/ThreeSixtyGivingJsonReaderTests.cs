using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed class ThreeSixtyGivingJsonReaderTests
{
    [Fact]
    public async Task Every_grant_of_the_COVID19_tracker_file_is_read_as_valid()
    {
        await using var file = File.OpenRead(Tracker);
        var results = await ReadJsonAsync(file, new GrantReadOptions { DatasetName = "grants_data.json" });

        Assert.Equal(1978, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Errors)));
        Assert.Equal(Enumerable.Range(1, 1978), results.Select(r => r.Record!.SourceRow));

        var woodward = results.Single(r => r.Record!.Identifier == "360G-woodward:WCT2962").Record!;
        Assert.Equal("Emergency match funding appeal for those affect by COVID-19 virus", woodward.Title);
        Assert.Equal("GBP", woodward.Currency);
        Assert.Equal(10000m, woodward.AmountAwarded);
        Assert.Equal(new DateOnly(2020, 3, 17), woodward.AwardDate);
        Assert.Equal(new OrganisationRef("GB-CHC-299963", "Woodward Charitable Trust", null, OrganisationRole.Funder), Assert.Single(woodward.Funders));
        var recipient = Assert.Single(woodward.Recipients);
        Assert.Equal(("GB-CHC-1136547", "Big Give Trust, The", "GB", OrganisationRole.Lead),
            (recipient.Identifier, recipient.Name, recipient.CountryCode, recipient.Role));
        Assert.Equal(["GB"], woodward.Countries);
        Assert.Equal("grants_data.json", woodward.DatasetName);
        Assert.Equal(1, woodward.SourceRow);
    }

    [Fact]
    public async Task A_funders_address_country_is_read_like_a_recipients()
    {
        var grant = ValidGrant("360G-country-1");
        grant["fundingOrganization"]![0]!["addressCountry"] = "France";
        var second = ValidGrant("360G-country-2");
        second["fundingOrganization"]![0]!["addressCountry"] = "Commonwealth";

        var results = await ReadJsonAsync(Package(grant, second));

        Assert.Equal("FR", Assert.Single(results[0].Record!.Funders).CountryCode);
        // Free text that names no country is ignored, as for a recipient: it is an address line, not a code.
        Assert.Null(Assert.Single(results[1].Record!.Funders).CountryCode);
        Assert.True(results[1].IsValid);
    }

    // The tracker holds one grant (360G-NCF-A547399) planned to end on 4 April 2020 and start on 30 April. It is
    // kept, with a warning, rather than rejected: the award itself is sound.
    [Fact]
    public async Task A_planned_end_before_the_start_is_a_warning_that_keeps_the_grant()
    {
        await using var file = File.OpenRead(Tracker);
        var results = await ReadJsonAsync(file);

        var warned = Assert.Single(results, r => r.Warnings.Any());
        Assert.True(warned.IsValid);
        Assert.Equal("360G-NCF-A547399", warned.Record!.Identifier);
        var warning = Assert.Single(warned.Issues);
        Assert.Equal((283, "plannedDates[0].endDate", "2020-04-04", IssueSeverity.Warning), (warning.Row, warning.Field, warning.Value, warning.Severity));
    }

    [Fact]
    public async Task Wolfson_dates_in_day_month_year_order_are_one_error_per_grant_without_a_date_format()
    {
        await using var file = File.OpenRead(Wolfson);
        var results = await ReadJsonAsync(file);

        Assert.Equal(379, results.Count);
        Assert.All(results, r => Assert.False(r.IsValid));
        var issues = results.SelectMany(r => r.Issues).ToList();
        Assert.Equal(379, issues.Count);
        Assert.All(issues, i => Assert.Equal("awardDate", i.Field));
        Assert.Equal((1, "awardDate", "05/06/2014"), (issues[0].Row, issues[0].Field, issues[0].Value));
        Assert.Contains("ISO 8601", issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wolfson_reads_as_valid_with_an_explicit_day_month_year_format()
    {
        await using var file = File.OpenRead(Wolfson);
        var results = await ReadJsonAsync(file, new GrantReadOptions { DateFormat = "dd/MM/yyyy" });

        Assert.Equal(379, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Issues)));
        var first = results[0].Record!;
        Assert.Equal(("360G-wolfson-19747", new DateOnly(2014, 6, 5), 40000m, "GB"),
            (first.Identifier, first.AwardDate, first.AmountAwarded, first.Recipients[0].CountryCode));
    }

    [Fact]
    public async Task A_file_cut_inside_grant_500_yields_the_grants_before_it_then_a_file_error_naming_grant_500()
    {
        var bytes = await File.ReadAllBytesAsync(Tracker, TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(bytes);
        var id500 = document.RootElement.GetProperty("grants")[499].GetProperty("id").GetString()!;
        var cut = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(id500))) + 10;

        var results = await ReadJsonAsync(new MemoryStream(bytes[..cut]));

        Assert.Equal(500, results.Count);
        Assert.All(results.Take(499), r => Assert.True(r.IsValid));
        var last = results[^1];
        Assert.True(last.IsFileError);
        Assert.Equal(500, last.Row);
        Assert.Contains("ends inside grant 500", Assert.Single(last.Issues).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_few_bytes_at_a_time_gives_the_same_grants()
    {
        await using var whole = File.OpenRead(Tracker);
        var expected = (await ReadJsonAsync(whole)).Select(r => r.Record!.Identifier).ToList();

        var trickled = await ReadJsonAsync(new TrickleStream(File.OpenRead(Tracker), 7));

        Assert.Equal(expected, trickled.Select(r => r.Record?.Identifier));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_in_a_title_are_an_error_naming_the_field_and_the_byte_offset()
    {
        var grant = ValidGrant("g-1");
        grant["title"] = "Malaria @@ cohort";
        var bytes = Encoding.UTF8.GetBytes(Package(grant, ValidGrant("g-2")));
        var offset = bytes.AsSpan().IndexOf("@@"u8);
        bytes[offset] = 0xC3; // a lead byte followed by '(' (0x28) is not UTF-8
        bytes[offset + 1] = 0x28;

        var results = await ReadJsonAsync(new MemoryStream(bytes));

        Assert.Equal(2, results.Count);
        var error = Assert.Single(results[0].Issues);
        Assert.Equal((1, "title"), (error.Row, error.Field));
        Assert.Contains($"at byte {offset} of the file", error.Reason, StringComparison.Ordinal);
        Assert.True(results[1].IsValid);
    }

    [Fact]
    public async Task A_grant_larger_than_the_limit_stops_reading_with_an_error_instead_of_buffering_it()
    {
        var huge = ValidGrant("g-2");
        huge["description"] = new string('x', 1024 * 1024);
        var json = Package(ValidGrant("g-1"), huge, ValidGrant("g-3"));

        var results = await ReadJsonAsync(json, new GrantReadOptions { MaxGrantBytes = 64 * 1024 });

        Assert.Equal(2, results.Count);
        Assert.True(results[0].IsValid);
        Assert.True(results[1].IsFileError);
        Assert.Equal(2, results[1].Row);
        Assert.Contains("Grant 2 is larger than the limit", results[1].Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_value_outside_the_grants_is_held_to_the_same_limit()
    {
        var json = $$"""{"notes": "{{new string('n', 1024 * 1024)}}", "grants": [{{ValidGrant("g-1").ToJsonString()}}]}""";

        var results = await ReadJsonAsync(json, new GrantReadOptions { MaxGrantBytes = 64 * 1024 });

        var only = Assert.Single(results);
        Assert.True(only.IsFileError);
        Assert.Contains("larger than the limit", only.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]", "it is a JSON array")]
    [InlineData("""{"foo": 1}""", "it has no \"grants\" array")]
    [InlineData("""{"grants": {"id": "g-1"}}""", "\"grants\" is a JSON object, not an array")]
    [InlineData("", "The file is empty")]
    [InlineData("\"grants\"", "it is a single JSON string")]
    [InlineData("""{"grants": [""", "ends before the package is complete")]
    [InlineData("""{"grants": []} {}""", "The JSON is malformed after grant 0")]
    [InlineData("""{"grants": [{"id": "g-1",, }]}""", "The JSON is malformed in grant 1")]
    public async Task A_file_that_is_not_a_360Giving_package_is_one_clear_file_error(string json, string expected)
    {
        var results = await ReadJsonAsync(json);

        var only = Assert.Single(results);
        Assert.True(only.IsFileError);
        Assert.Contains(expected, only.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_top_level_keys_and_a_byte_order_mark_are_ignored()
    {
        var json = $$"""{"meta": {"a": [1, {"b": [2]}]}, "grants": [{{ValidGrant("g-1").ToJsonString()}}], "last_updated": "2020-05-07"}""";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(json)).ToArray();

        var results = await ReadJsonAsync(new MemoryStream(bytes));

        Assert.Equal("g-1", Assert.Single(results).Record?.Identifier);
    }

    [Fact]
    public async Task A_grant_with_nothing_in_it_reports_every_required_field()
    {
        var results = await ReadJsonAsync("""{"grants": [{}]}""");

        var fields = Assert.Single(results).Issues.Select(i => i.Field).ToList();
        Assert.Equal(["id", "title", "currency", "amountAwarded", "awardDate", "fundingOrganization", "recipientOrganization"], fields);
    }

    [Fact]
    public async Task Several_wrong_fields_in_one_grant_are_all_reported()
    {
        var grant = ValidGrant("g-1");
        grant["amountAwarded"] = -1;
        grant["currency"] = "ABC";
        grant["awardDate"] = "2021-02-30";
        grant["title"] = " ";
        ((JsonObject)grant["recipientOrganization"]![0]!).Remove("id");

        var result = Assert.Single(await ReadJsonAsync(Package(grant)));

        Assert.False(result.IsValid);
        // Malformed values in the order of the file, then what is missing.
        Assert.Equal(
            [("currency", "ABC"), ("amountAwarded", "-1"), ("awardDate", "2021-02-30"), ("recipientOrganization[0].id", null), ("title", null)],
            result.Issues.Select(i => (i.Field, i.Value)));
    }

    [Fact]
    public async Task An_amount_written_as_a_string_is_reported_because_the_standard_says_number()
    {
        var grant = ValidGrant("g-1");
        grant["amountAwarded"] = "1000";

        var error = Assert.Single(Assert.Single(await ReadJsonAsync(Package(grant))).Issues);

        Assert.Equal(("amountAwarded", "1000"), (error.Field, error.Value));
        Assert.Contains("needs a number", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_id_is_reported_on_its_second_occurrence_with_the_row_of_the_first()
    {
        var results = await ReadJsonAsync(Package(ValidGrant("g-1"), ValidGrant("g-2"), ValidGrant("g-1")));

        Assert.True(results[0].IsValid);
        Assert.True(results[1].IsValid);
        var error = Assert.Single(results[2].Issues);
        Assert.Equal((3, "id", "g-1"), (error.Row, error.Field, error.Value));
        Assert.Contains("row 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Country_codes_are_checked_strictly_but_free_text_address_countries_only_when_recognisable()
    {
        var unknownCode = ValidGrant("g-1");
        unknownCode["beneficiaryLocation"]![0]!["countryCode"] = "ZZ";
        var freeText = ValidGrant("g-2");
        freeText["recipientOrganization"]![0]!["addressCountry"] = "Commonwealth";
        var uk = ValidGrant("g-3");
        uk["recipientOrganization"]![0]!["addressCountry"] = "UK";
        uk["beneficiaryLocation"]![0]!["countryCode"] = "UK";

        var results = await ReadJsonAsync(Package(unknownCode, freeText, uk));

        var error = Assert.Single(results[0].Issues);
        Assert.Equal(("beneficiaryLocation[0].countryCode", "ZZ"), (error.Field, error.Value));
        Assert.True(results[1].IsValid);
        Assert.Null(results[1].Record!.Recipients[0].CountryCode);
        Assert.Equal("GB", results[2].Record!.Recipients[0].CountryCode);
        Assert.Equal(["GB"], results[2].Record!.Countries);
    }

    [Fact]
    public async Task An_item_of_grants_that_is_not_an_object_is_a_row_error_and_reading_goes_on()
    {
        var json = $$"""{"grants": [[1, [2]], {{ValidGrant("g-2").ToJsonString()}}]}""";

        var results = await ReadJsonAsync(json);

        Assert.Equal(2, results.Count);
        Assert.Equal((1, "(grant)"), (results[0].Row, results[0].Issues[0].Field));
        Assert.Equal(2, results[1].Record?.SourceRow);
    }

    [Fact]
    public async Task Values_in_a_report_line_are_shortened()
    {
        var grant = ValidGrant("g-1");
        grant["title"] = new string('t', 5000);

        var error = Assert.Single(Assert.Single(await ReadJsonAsync(Package(grant))).Issues);

        Assert.Equal("title", error.Field);
        Assert.Equal(RowError.MaxValueLength + 1, error.Value!.Length);
        Assert.Contains("5000 characters", error.Reason, StringComparison.Ordinal);
    }
}
