using System.Text;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed class CordisReaderTests
{
    private const string ProjectHeader =
        "\"id\";\"acronym\";\"status\";\"title\";\"startDate\";\"endDate\";\"totalCost\";\"ecMaxContribution\";\"legalBasis\";\"topics\";\"ecSignatureDate\";\"frameworkProgramme\";\"masterCall\";\"subCall\";\"fundingScheme\";\"objective\"\n";

    private const string OrganisationHeader =
        "\"projectID\";\"projectAcronym\";\"organisationID\";\"name\";\"country\";\"order\";\"role\";\"ecContribution\"\n";

    private static Task<List<ReadResult>> ReadCordisAsync(string projects, string organisations, GrantReadOptions? options = null) =>
        ReadAllAsync(CordisReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(ProjectHeader + projects)),
            new MemoryStream(Encoding.UTF8.GetBytes(OrganisationHeader + organisations)),
            options ?? new GrantReadOptions { DatasetName = "cordis-test" },
            TestContext.Current.CancellationToken));

    // Two vintages of the same projects: decimal points (Horizon Europe exports) and decimal commas (older ones).
    // The organisations are not grouped by project, and a coordinator is listed after its partners.
    [Theory]
    [InlineData(".")]
    [InlineData(",")]
    public async Task Projects_get_all_their_participants_with_the_coordinator_as_lead(string mark)
    {
        string Money(string amount) => amount.Replace(".", mark, StringComparison.Ordinal);
        var projects =
            $"\"101000001\";\"MALCOH\";\"SIGNED\";\"Malaria cohort\";\"2022-01-01\";\"2025-12-31\";\"{Money("2500000.00")}\";\"{Money("2000000.50")}\";\"HORIZON.2.1\";\"HORIZON-HLTH-2021-DISEASE-04-07\";\"2021-11-15\";\"HORIZON\";\"HORIZON-HLTH-2021-DISEASE-04\";\"HORIZON-HLTH-2021-DISEASE-04\";\"HORIZON-RIA\";\"A cohort; \"\"quoted\"\" words.\"\n"
            + $"\"101000002\";\"TBNET\";\"CLOSED\";\"TB network\";\"2015-03-01\";\"2018-02-28\";\"\";\"{Money("150000")}\";\"H2020-EU.3.1.\";\"SC1-PM-2014\";\"\";\"H2020\";\"\";\"H2020-SC1-2014\";\"RIA\";\"\"\n";
        var organisations =
            $"\"101000001\";\"MALCOH\";\"999000001\";\"UNIVERSITY OF NAIROBI\";\"KE\";\"2\";\"participant\";\"{Money("800000.25")}\"\n"
            + $"\"101000002\";\"TBNET\";\"999000003\";\"NATIONAL TB INSTITUTE\";\"EL\";\"1\";\"coordinator\";\"{Money("150000")}\"\n"
            + $"\"101000001\";\"MALCOH\";\"999000002\";\"INSTITUT PASTEUR\";\"FR\";\"1\";\"coordinator\";\"{Money("1200000.25")}\"\n"
            + "\"101000001\";\"MALCOH\";\"999000004\";\"LONDON SCHOOL OF HYGIENE\";\"UK\";\"3\";\"associatedPartner\";\"\"\n";

        var results = await ReadCordisAsync(projects, organisations);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.IsValid, string.Join("; ", r.Issues)));
        var malaria = results[0].Record!;
        Assert.Equal(("101000001", "Malaria cohort", "A cohort; \"quoted\" words.", "EUR", 2000000.50m),
            (malaria.Identifier, malaria.Title, malaria.Description, malaria.Currency, malaria.AmountAwarded));
        Assert.Equal((new DateOnly(2021, 11, 15), new DateOnly(2022, 1, 1), new DateOnly(2025, 12, 31)),
            (malaria.AwardDate, malaria.PlannedStart, malaria.PlannedEnd));
        Assert.Equal([new OrganisationRef(null, "European Commission", null, OrganisationRole.Funder)], malaria.Funders);
        Assert.Equal(
        [
            new OrganisationRef(null, "INSTITUT PASTEUR", "FR", OrganisationRole.Lead, 1200000.25m),
            new OrganisationRef(null, "UNIVERSITY OF NAIROBI", "KE", OrganisationRole.Participant, 800000.25m),
            new OrganisationRef(null, "LONDON SCHOOL OF HYGIENE", "GB", OrganisationRole.Participant),
        ], malaria.Recipients);
        Assert.Equal(["FR", "KE", "GB"], malaria.Countries);
        Assert.Equal(("HORIZON", "HORIZON-HLTH-2021-DISEASE-04", "HORIZON-HLTH-2021-DISEASE-04-07"), (malaria.Programme, malaria.Call, malaria.Topic));
        Assert.Equal((1, "cordis-test"), (malaria.SourceRow, malaria.DatasetName));

        // No signature date: the award is dated by the start; no master call: the sub-call stands in.
        var tb = results[1].Record!;
        Assert.Equal((new DateOnly(2015, 3, 1), 150000m, "H2020-SC1-2014"), (tb.AwardDate, tb.AmountAwarded, tb.Call));
        Assert.Equal(new OrganisationRef(null, "NATIONAL TB INSTITUTE", "GR", OrganisationRole.Lead, 150000m), Assert.Single(tb.Recipients));
    }

    [Fact]
    public async Task Amounts_with_both_marks_or_bad_participant_rows_are_errors_on_the_project()
    {
        var projects =
            "\"101000001\";\"A\";\"SIGNED\";\"Thousands\";\"2022-01-01\";\"2025-12-31\";\"\";\"1.234,56\";\"\";\"\";\"2021-11-15\";\"HORIZON\";\"\";\"\";\"\";\"\"\n"
            + "\"101000002\";\"B\";\"SIGNED\";\"Fine\";\"2022-01-01\";\"2025-12-31\";\"\";\"100\";\"\";\"\";\"2021-11-15\";\"HORIZON\";\"\";\"\";\"\";\"\"\n";
        var organisations =
            "\"101000001\";\"A\";\"1\";\"LEAD ORG\";\"DE\";\"1\";\"coordinator\";\"1234.56\"\n"
            + "\"101000002\";\"B\";\"2\";\"\";\"DE\";\"1\";\"coordinator\";\"12x\"\n"
            + "\"101000002\";\"B\";\"3\";\"ODD ROLE ORG\";\"DE\";\"2\";\"observer\";\"\"\n";

        var results = await ReadCordisAsync(projects, organisations);

        Assert.Equal([("ecMaxContribution", "1.234,56")], results[0].Issues.Select(i => (i.Field, i.Value)));
        Assert.False(results[1].IsValid);
        Assert.Equal(
            [(2, "organization.csv name", null, IssueSeverity.Error), (2, "organization.csv ecContribution", "12x", IssueSeverity.Error), (3, "organization.csv role", "observer", IssueSeverity.Warning)],
            results[1].Issues.Select(i => (i.Row, i.Field, i.Value, i.Severity)));
    }

    [Fact]
    public async Task Participants_of_projects_not_in_project_csv_end_the_read_with_a_warning()
    {
        var projects = "\"101000001\";\"A\";\"SIGNED\";\"One\";\"2022-01-01\";\"2025-12-31\";\"\";\"100\";\"\";\"\";\"2021-11-15\";\"HORIZON\";\"\";\"\";\"\";\"\"\n";
        var organisations =
            "\"101000001\";\"A\";\"1\";\"LEAD ORG\";\"DE\";\"1\";\"coordinator\";\"100\"\n"
            + "\"101000009\";\"Z\";\"2\";\"ORPHAN ORG\";\"DE\";\"1\";\"coordinator\";\"5\"\n"
            + "\"not-a-number\";\"Z\";\"3\";\"LOST ORG\";\"DE\";\"1\";\"coordinator\";\"5\"\n";

        var results = await ReadCordisAsync(projects, organisations);

        Assert.Equal(3, results.Count);
        Assert.Equal((3, "organization.csv projectID", "not-a-number"), (results[0].Row, results[0].Issues[0].Field, results[0].Issues[0].Value));
        Assert.True(results[1].IsValid);
        var warning = Assert.Single(results[2].Issues);
        Assert.Equal((IssueSeverity.Warning, "101000009"), (warning.Severity, warning.Value));
        Assert.Contains("1 participant rows", warning.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_file_without_the_needed_columns_is_a_file_error()
    {
        var results = await ReadAllAsync(CordisReader.ReadAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(ProjectHeader)),
            new MemoryStream(Encoding.UTF8.GetBytes("\"projectID\",\"name\",\"role\"\n\"1\",\"A\",\"coordinator\"\n")),
            null, TestContext.Current.CancellationToken));

        var only = Assert.Single(results);
        Assert.True(only.IsFileError);
        Assert.Contains("organization.csv lacks required columns: projectID, name, role", only.Issues[0].Reason, StringComparison.Ordinal);
        Assert.Contains("separated by ','", only.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_organization_csv_is_a_file_error_naming_it()
    {
        var folder = Directory.CreateTempSubdirectory("cordis-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "project.csv"), ProjectHeader, TestContext.Current.CancellationToken);

            var only = Assert.Single(await ReadAllAsync(CordisReader.ReadAsync(folder.FullName, null, TestContext.Current.CancellationToken)));

            Assert.True(only.IsFileError);
            Assert.Contains("organization.csv", only.Issues[0].Reason, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
