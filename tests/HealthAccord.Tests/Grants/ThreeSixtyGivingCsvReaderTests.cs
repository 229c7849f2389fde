using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed class ThreeSixtyGivingCsvReaderTests
{
    // Columns in an unusual order, the funder unnumbered and the recipients numbered, as 360Giving's flattening
    // tools write them; a quoted description with a comma and a line break.
    private const string Csv = """
        Identifier,Title,Description,Currency,Amount Awarded,Award Date,Planned Dates:Start Date,Planned Dates:End Date,Funding Org:Identifier,Funding Org:Name,Recipient Org:0:Identifier,Recipient Org:0:Name,Recipient Org:0:Country,Recipient Org:1:Identifier,Recipient Org:1:Name,Recipient Org:1:Country,Beneficiary Location:Country Code,Grant Programme:Title,Classifications:Vocabulary,Classifications:Code,Classifications:Title
        360G-ex-1,Malaria cohort,"Follow-up, year two
        and three",GBP,25000.50,2021-06-30,2021-09-01,2023-08-31,GB-CHC-000001,Example Foundation,XI-ROR-03yrm5c26,Example University,Kenya,GB-COH-000002,Partner Ltd,UK,KE,Global Health,HRCS Health Categories,Infection,Infection
        360G-ex-2,Trial network,,USD,1000,2020-03-17T00:00:00+00:00,,,GB-CHC-000001,Example Foundation,GB-CHC-000003,Clinic Trust,England,,,,,,,,
        """;

    private static Task<List<ReadResult>> ReadCsvAsync(string csv, GrantReadOptions? options = null) =>
        ReadAllAsync(ThreeSixtyGivingCsvReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), options, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_hand_written_CSV_reads_into_the_values_it_holds()
    {
        var results = await ReadCsvAsync(Csv, new GrantReadOptions { DatasetName = "example.csv" });

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Issues)));
        var first = results[0].Record!;
        Assert.Equal(("360G-ex-1", "Malaria cohort", "Follow-up, year two\nand three", "GBP", 25000.50m), (first.Identifier, first.Title, first.Description, first.Currency, first.AmountAwarded));
        Assert.Equal((new DateOnly(2021, 6, 30), new DateOnly(2021, 9, 1), new DateOnly(2023, 8, 31)), (first.AwardDate, first.PlannedStart, first.PlannedEnd));
        Assert.Equal([new OrganisationRef("GB-CHC-000001", "Example Foundation", null, OrganisationRole.Funder)], first.Funders);
        Assert.Equal(
            [new OrganisationRef("XI-ROR-03yrm5c26", "Example University", "KE", OrganisationRole.Lead), new OrganisationRef("GB-COH-000002", "Partner Ltd", "GB", OrganisationRole.Participant)],
            first.Recipients);
        Assert.Equal(["KE"], first.Countries);
        Assert.Equal("Global Health", first.Programme);
        Assert.Equal([new GrantClassification("HRCS Health Categories", "Infection", "Infection")], first.Classifications);
        Assert.Equal((1, "example.csv"), (first.SourceRow, first.DatasetName));

        var second = results[1].Record!;
        Assert.Equal((2, new DateOnly(2020, 3, 17), "GB"), (second.SourceRow, second.AwardDate, Assert.Single(second.Recipients).CountryCode));
        Assert.Equal(["GB"], second.Countries); // no beneficiary location: the recipients' countries stand in
    }

    [Fact]
    public async Task The_same_grants_as_CSV_and_as_JSON_give_the_same_records()
    {
        var json = JsonNode.Parse("""
            {"grants": [
              {"id": "360G-ex-1", "title": "Malaria cohort", "description": "Follow-up, year two\nand three", "currency": "GBP",
               "amountAwarded": 25000.50, "awardDate": "2021-06-30", "plannedDates": [{"startDate": "2021-09-01", "endDate": "2023-08-31"}],
               "fundingOrganization": [{"id": "GB-CHC-000001", "name": "Example Foundation"}],
               "recipientOrganization": [{"id": "XI-ROR-03yrm5c26", "name": "Example University", "addressCountry": "Kenya"},
                                         {"id": "GB-COH-000002", "name": "Partner Ltd", "addressCountry": "UK"}],
               "beneficiaryLocation": [{"countryCode": "KE"}], "grantProgramme": [{"title": "Global Health"}],
               "classifications": [{"vocabulary": "HRCS Health Categories", "code": "Infection", "title": "Infection"}]},
              {"id": "360G-ex-2", "title": "Trial network", "currency": "USD", "amountAwarded": 1000, "awardDate": "2020-03-17T00:00:00+00:00",
               "fundingOrganization": [{"id": "GB-CHC-000001", "name": "Example Foundation"}],
               "recipientOrganization": [{"id": "GB-CHC-000003", "name": "Clinic Trust", "addressCountry": "England"}]}
            ]}
            """)!.ToJsonString();

        var fromJson = await ReadJsonAsync(json, new GrantReadOptions { DatasetName = "same" });
        var fromCsv = await ReadCsvAsync(Csv, new GrantReadOptions { DatasetName = "same" });

        Assert.Equal(fromJson.Select(r => JsonSerializer.Serialize(r.Record)), fromCsv.Select(r => JsonSerializer.Serialize(r.Record)));
    }

    [Fact]
    public async Task A_semicolon_file_read_with_commas_is_one_error_naming_the_missing_columns()
    {
        var semicolons = "Identifier;Title;Currency;Amount Awarded;Award Date;Recipient Org:Identifier;Recipient Org:Name;Funding Org:Identifier;Funding Org:Name\n"
            + "g-1;A grant;GBP;100;2021-01-01;GB-CHC-1;R;GB-CHC-2;F\n";

        var only = Assert.Single(await ReadCsvAsync(semicolons));

        Assert.True(only.IsFileError);
        var reason = only.Issues[0].Reason;
        Assert.Contains("Identifier, Title, Currency, Amount Awarded, Award Date, Recipient Org:Identifier, Recipient Org:Name, Funding Org:Identifier, Funding Org:Name", reason, StringComparison.Ordinal);
        Assert.Contains("separated by ';' rather than ','", reason, StringComparison.Ordinal);

        var withTheRightDelimiter = await ReadCsvAsync(semicolons, new GrantReadOptions { CsvDelimiter = ";" });
        Assert.True(Assert.Single(withTheRightDelimiter).IsValid);
    }

    [Fact]
    public async Task Row_problems_name_the_column_and_keep_reading()
    {
        const string csv = """
            Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Beneficiary Location:Country Code
            g-1,Thousands,GBP,"1,000",2021-01-01,GB-CHC-1,R,GB-CHC-2,F,GB
            g-2,Negative,EUR,-5,2021-01-01,GB-CHC-1,,GB-CHC-2,F,XX
            g-1,Repeat,GBP,10,01/02/2021,GB-CHC-1,R,GB-CHC-2,F,
            g-4,Fine,gbp,10.5,2021-01-01,GB-CHC-1,R,GB-CHC-2,F,
            """;

        var results = await ReadCsvAsync(csv);

        Assert.Equal(4, results.Count);
        Assert.Equal([("Amount Awarded", "1,000")], results[0].Issues.Select(i => (i.Field, i.Value)));
        Assert.Equal([("Amount Awarded", "-5"), ("Recipient Org:Name", null), ("Beneficiary Location:Country Code", "XX")],
            results[1].Issues.Select(i => (i.Field, i.Value)));
        Assert.Equal([("Award Date", "01/02/2021"), ("Identifier", "g-1")], results[2].Issues.Select(i => (i.Field, i.Value)));
        Assert.Contains("row 1", results[2].Issues[1].Reason, StringComparison.Ordinal);
        Assert.Equal(("GBP", 10.5m), (results[3].Record?.Currency, results[3].Record?.AmountAwarded));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_are_an_error_on_the_row_and_column_that_hold_them()
    {
        var latin1Row = Encoding.Latin1.GetBytes("360G-ex-3,Caf\u00e9 in Kisumu,,GBP,1,2021-01-01,,,GB-CHC-1,F,GB-CHC-2,R,,,,,,,,,\n");
        var bytes = Encoding.UTF8.GetBytes(Csv + "\n").Concat(latin1Row).ToArray();

        var results = await ReadAllAsync(ThreeSixtyGivingCsvReader.ReadAsync(new MemoryStream(bytes), null, TestContext.Current.CancellationToken));

        Assert.Equal(3, results.Count);
        Assert.All(results.Take(2), r => Assert.True(r.IsValid));
        var error = Assert.Single(results[2].Issues);
        Assert.Equal((3, "Title", "Caf\uFFFD in Kisumu"), (error.Row, error.Field, error.Value));
        Assert.Contains("not valid in the file's encoding", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_larger_than_the_limit_stops_reading()
    {
        var csv = Csv + "\n" + $"360G-ex-3,Long,\"{new string('d', 1024 * 1024)}\",GBP,1,2021-01-01,,,GB-CHC-1,F,GB-CHC-2,R,,,,,,,,,\n";

        var results = await ReadCsvAsync(csv, new GrantReadOptions { MaxGrantBytes = 64 * 1024 });

        Assert.Equal(3, results.Count);
        Assert.True(results[2].IsFileError);
        Assert.Equal(3, results[2].Row);
        Assert.Contains("Record 3 is larger than the limit", results[2].Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stray_quote_is_reported_on_its_row()
    {
        const string csv = """
            Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name
            g-1,"The "best" grant",GBP,1,2021-01-01,GB-CHC-1,R,GB-CHC-2,F
            """;

        var result = Assert.Single(await ReadCsvAsync(csv));

        var error = Assert.Single(result.Issues);
        Assert.Equal("Title", error.Field);
        Assert.Contains("best", error.Value, StringComparison.Ordinal);
    }
}
