using System.Globalization;
using CsvHelper;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public sealed class ValidationReportTests
{
    [Fact]
    public async Task The_Wolfson_report_counts_every_rejected_grant_and_lists_its_dates()
    {
        var report = await ValidationReport.CollectAsync(
            GrantFileReader.Open(Wolfson, GrantFileFormat.ThreeSixtyGivingJson, null, TestContext.Current.CancellationToken), "wolfson.json",
            ct: TestContext.Current.CancellationToken);

        Assert.Equal((379, 0, 379, 379, 0), (report.Grants, report.Valid, report.Rejected, report.Errors, report.Warnings));
        Assert.Null(report.StoppedBy);
        var text = new StringWriter();
        await report.WriteTextAsync(text);
        var lines = text.ToString().Split(Environment.NewLine);
        Assert.Equal("wolfson.json: 379 grants read, 0 valid, 379 rejected; 379 errors, 0 warnings.", lines[0]);
        Assert.StartsWith("row 1, awardDate \"05/06/2014\": is not an ISO 8601 date", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_report_has_one_row_per_problem_and_escapes_values_a_spreadsheet_would_run()
    {
        var grant = ValidGrant("g-1");
        grant["currency"] = "=SUM(1+1)";
        var report = new ValidationReport("test.json");
        foreach (var result in await ReadJsonAsync(Package(grant, ValidGrant("g-2")))) report.Add(result);

        var written = new StringWriter();
        await report.WriteCsvAsync(written);

        using var csv = new CsvReader(new StringReader(written.ToString()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("1", "currency", "'=SUM(1+1)", "error"), ((string)row["row"], (string)row["field"], (string)row["value"], (string)row["severity"]));
        Assert.StartsWith("is not an ISO 4217 currency code", (string)row["reason"], StringComparison.Ordinal);
        Assert.Equal((2, 1, 1), (report.Grants, report.Valid, report.Rejected));
    }

    [Fact]
    public async Task A_file_level_error_is_reported_as_where_reading_stopped()
    {
        var report = new ValidationReport("cut.json");
        foreach (var result in await ReadJsonAsync(Package(ValidGrant("g-1"), ValidGrant("g-2"))[..^40])) report.Add(result);

        Assert.Equal((1, 0), (report.Valid, report.Rejected));
        Assert.NotNull(report.StoppedBy);
        Assert.Contains("Reading stopped early: The file ends inside grant 2", report.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_beyond_the_cap_are_counted_but_not_kept()
    {
        var report = new ValidationReport("many.csv", maxLines: 2);
        for (var row = 1; row <= 5; row++) report.Add(new ReadResult(row, null, [new RowError(row, "title", null, "is required")]));

        Assert.Equal((5, 5, 2, 3), (report.Rejected, report.Errors, report.Lines.Count, report.LinesNotKept));
    }
}
