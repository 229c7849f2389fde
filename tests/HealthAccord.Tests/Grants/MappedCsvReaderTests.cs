using System.Text;
using System.Text.RegularExpressions;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed partial class MappedCsvReaderTests
{
    private static Task<List<ReadResult>> ReadMappedAsync(byte[] csv, CsvMapping mapping) =>
        ReadAllAsync(MappedCsvReader.ReadAsync(new MemoryStream(csv), mapping, new GrantReadOptions { DatasetName = "mapped.csv" }, TestContext.Current.CancellationToken));

    private static Task<List<ReadResult>> ReadMappedAsync(string csv, CsvMapping mapping) => ReadMappedAsync(Encoding.UTF8.GetBytes(csv), mapping);

    private static CsvMapping Mapping(string? groupBy = null, string encoding = "utf-8") => new()
    {
        Encoding = encoding,
        GroupBy = groupBy,
        Columns = new Dictionary<string, string>
        {
            ["identifier"] = "Ref",
            ["title"] = "Title",
            ["amountAwarded"] = "Amount",
            ["awardDate"] = "Date",
            ["recipientName"] = "Organisation",
            ["recipientCountry"] = "Country",
            ["recipientRole"] = "Role",
            ["currency"] = "Currency",
        },
        Constants = new Dictionary<string, string> { ["funderName"] = "Example Funder" },
    };

    [Fact]
    public async Task The_worked_example_in_MAPPING_md_reads_as_it_says()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "src", "HealthAccord.Web", "Grants", "Import", "MAPPING.md"),
            TestContext.Current.CancellationToken);
        var folder = Directory.CreateTempSubdirectory("mapping-");
        try
        {
            var csvPath = Path.Combine(folder.FullName, "awards.csv");
            var mappingPath = Path.Combine(folder.FullName, "awards.mapping.json");
            await File.WriteAllTextAsync(csvPath, Block(doc, "csv"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(mappingPath, Block(doc, "json"), TestContext.Current.CancellationToken);

            var results = await ReadAllAsync(GrantFileReader.Open(csvPath, GrantFileFormat.MappedCsv,
                new GrantReadOptions { MappingPath = mappingPath }, TestContext.Current.CancellationToken));

            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Issues)));
            var malaria = results[0].Record!;
            Assert.Equal(("RC-2021-001", "Malaria vaccine cohort", "EUR", 2150000.50m, 1, "awards.csv"),
                (malaria.Identifier, malaria.Title, malaria.Currency, malaria.AmountAwarded, malaria.SourceRow, malaria.DatasetName));
            Assert.Equal((new DateOnly(2021, 11, 15), new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31)),
                (malaria.AwardDate, malaria.PlannedStart, malaria.PlannedEnd));
            Assert.Equal(
            [
                new OrganisationRef(null, "Institut Pasteur", "FR", OrganisationRole.Lead, 1200000.50m),
                new OrganisationRef(null, "University of Nairobi", "KE", OrganisationRole.Participant, 800000m),
                new OrganisationRef(null, "London School of Hygiene", "GB", OrganisationRole.Participant, 150000m),
            ], malaria.Recipients);
            Assert.Equal([new OrganisationRef(null, "Example Research Council", null, OrganisationRole.Funder)], malaria.Funders);
            var tb = results[1].Record!;
            Assert.Equal(("RC-2021-002", 250000m, 4), (tb.Identifier, tb.AmountAwarded, tb.SourceRow));
            Assert.Equal(new OrganisationRef(null, "National TB Institute", "GR", OrganisationRole.Lead, 250000m), Assert.Single(tb.Recipients));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Block(string markdown, string language) =>
        FencedBlock().Matches(markdown).First(m => m.Groups["language"].Value == language).Groups["body"].Value;

    [GeneratedRegex("```(?<language>[a-z]+)\\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [Theory]
    [InlineData("latin1", "Université de Genève")]
    [InlineData("iso-8859-1", "Université de Genève")]
    [InlineData("windows-1252", "Œuvre de santé – 5 €")]
    public async Task Files_in_single_byte_encodings_read_as_written(string encoding, string name)
    {
        var csv = LegacyBytes(encoding, $"Ref,Title,Amount,Date,Organisation,Country,Role,Currency\nG-1,Cohort,10,2021-01-01,{name},CH,,CHF\n");

        var result = Assert.Single(await ReadMappedAsync(csv, Mapping(encoding: encoding)));

        Assert.True(result.IsValid, string.Join("; ", result.Issues));
        Assert.Equal(name, result.Record!.Recipients[0].Name);
    }

    private static byte[] LegacyBytes(string encoding, string text) => encoding == "windows-1252"
        ? CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text)
        : Encoding.Latin1.GetBytes(text);

    [Fact]
    public async Task A_latin1_file_read_as_UTF8_names_the_row_and_column_of_the_unreadable_bytes()
    {
        var csv = Encoding.Latin1.GetBytes("Ref,Title,Amount,Date,Organisation,Country,Role,Currency\nG-1,Cohort,10,2021-01-01,Université,CH,,CHF\n");

        var error = Assert.Single(Assert.Single(await ReadMappedAsync(csv, Mapping())).Issues);

        Assert.Equal((1, "Organisation", "Universit\uFFFD"), (error.Row, error.Field, error.Value));
        Assert.Contains("encoding", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_rows_of_one_grant_become_one_grant_with_every_recipient_and_the_summed_amount()
    {
        const string csv = """
            Ref,Title,Amount,Date,Organisation,Country,Role,Currency
            G-1,Cohort,100.25,2021-01-01,Lead University,Kenya,,USD
            G-1,Cohort,50,2021-01-01,Partner Institute,UG,partner,USD
            G-1,Cohort,25,2021-01-01,Second Partner,TZ,Partner,USD
            G-2,Trial,10,2021-02-01,Clinic,GB,lead,USD
            """;

        var results = await ReadMappedAsync(csv, Mapping(groupBy: "Ref"));

        Assert.Equal(2, results.Count);
        var cohort = results[0].Record!;
        Assert.Equal(175.25m, cohort.AmountAwarded);
        Assert.Equal(
        [
            new OrganisationRef(null, "Lead University", "KE", OrganisationRole.Lead, 100.25m),
            new OrganisationRef(null, "Partner Institute", "UG", OrganisationRole.Participant, 50m),
            new OrganisationRef(null, "Second Partner", "TZ", OrganisationRole.Participant, 25m),
        ], cohort.Recipients);
        Assert.Equal(["KE", "UG", "TZ"], cohort.Countries);
        Assert.Equal((4, 10m), (results[1].Record!.SourceRow, results[1].Record!.AmountAwarded));
    }

    [Fact]
    public async Task Without_grouping_each_row_is_a_grant_and_a_repeat_is_a_duplicate()
    {
        const string csv = """
            Ref,Title,Amount,Date,Organisation,Country,Role,Currency
            G-1,Cohort,100,2021-01-01,Lead University,KE,,USD
            G-1,Cohort,50,2021-01-01,Partner Institute,UG,,USD
            """;

        var results = await ReadMappedAsync(csv, Mapping());

        Assert.True(results[0].IsValid);
        var error = Assert.Single(results[1].Issues);
        Assert.Equal((2, "Ref"), (error.Row, error.Field));
        Assert.Contains("row 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identifier_that_comes_back_after_another_is_a_duplicate_even_when_grouping()
    {
        const string csv = """
            Ref,Title,Amount,Date,Organisation,Country,Role,Currency
            G-1,Cohort,100,2021-01-01,Lead University,KE,,USD
            G-2,Trial,10,2021-02-01,Clinic,GB,,USD
            G-1,Cohort,50,2021-01-01,Partner Institute,UG,,USD
            """;

        var results = await ReadMappedAsync(csv, Mapping(groupBy: "Ref"));

        Assert.Equal(3, results.Count);
        var error = Assert.Single(results[2].Issues);
        Assert.Equal((3, "Ref", "G-1"), (error.Row, error.Field, error.Value));
        Assert.Contains("row 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_of_one_grant_must_agree_on_currency_and_each_give_an_amount()
    {
        const string csv = """
            Ref,Title,Amount,Date,Organisation,Country,Role,Currency
            G-1,Cohort,100,2021-01-01,Lead University,KE,,USD
            G-1,Cohort,50,2021-01-01,Partner Institute,UG,,EUR
            G-1,Cohort,,2021-01-01,Third,TZ,observer,USD
            """;

        var result = Assert.Single(await ReadMappedAsync(csv, Mapping(groupBy: "Ref")));

        Assert.False(result.IsValid);
        Assert.Equal([(2, "Currency", "EUR"), (3, "Amount", null), (3, "Role", "observer")], result.Issues.Select(i => (i.Row, i.Field, i.Value)));
    }

    [Fact]
    public async Task Every_problem_with_a_mapping_is_a_file_error_before_any_row_is_read()
    {
        var mapping = new CsvMapping
        {
            GroupBy = "Organisation",
            DecimalSeparator = ";",
            Encoding = "klingon",
            Columns = new Dictionary<string, string> { ["identifier"] = "Ref", ["titel"] = "Title", ["amountAwarded"] = "Amount" },
            Constants = new Dictionary<string, string> { ["title"] = "Same for all" },
        };

        var result = Assert.Single(await ReadMappedAsync("Ref,Title,Amount\nG-1,T,1\n", mapping));

        Assert.True(result.IsFileError);
        var reasons = result.Issues.Select(i => i.Reason).ToList();
        Assert.Contains(reasons, r => r.Contains("unknown grant field \"titel\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("\"constants\" cannot give \"title\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("required field \"awardDate\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("required field \"currency\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("\"klingon\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("\"decimalSeparator\"", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("\"groupBy\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mapped_columns_missing_from_the_header_are_named_with_a_delimiter_hint()
    {
        var result = Assert.Single(await ReadMappedAsync("Ref;Title;Amount;Date;Organisation;Country;Role;Currency\n", Mapping()));

        Assert.True(result.IsFileError);
        var reason = Assert.Single(result.Issues).Reason;
        Assert.Contains("\"Ref\" (for identifier)", reason, StringComparison.Ordinal);
        Assert.Contains("\"Currency\" (for currency)", reason, StringComparison.Ordinal);
        Assert.Contains("separated by ';'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapping_file_that_is_not_JSON_or_has_unknown_keys_is_reported_by_name()
    {
        var folder = Directory.CreateTempSubdirectory("mapping-");
        try
        {
            var csvPath = Path.Combine(folder.FullName, "grants.csv");
            var mappingPath = Path.Combine(folder.FullName, "bad.json");
            await File.WriteAllTextAsync(csvPath, "Ref\n", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(mappingPath, """{"columns": {"identifier": "Ref"}, "seperator": ";"}""", TestContext.Current.CancellationToken);

            var result = Assert.Single(await ReadAllAsync(GrantFileReader.Open(csvPath, GrantFileFormat.MappedCsv,
                new GrantReadOptions { MappingPath = mappingPath }, TestContext.Current.CancellationToken)));

            Assert.True(result.IsFileError);
            Assert.Contains(result.Issues, i => i.Reason.StartsWith("bad.json: The mapping has an unknown key \"seperator\"", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
