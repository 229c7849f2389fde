using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HealthAccord.Tests.Grants.GrantSearchFactory;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// GET /api/v1/grants/export over the 30 grants of <see cref="GrantSearchFactory.Rows"/>: every match in the
/// search's order, each format read back by a real parser and compared with what the database holds.
/// </summary>
public sealed class GrantExportApiTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The grants as stored, read through the DbContext rather than through anything the export uses.</summary>
    private async Task<Dictionary<string, Grant>> StoredAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.Grants.AsNoTracking()
            .Include(g => g.Participants).ThenInclude(p => p.Organisation)
            .Include(g => g.Countries).Include(g => g.Pathogens).Include(g => g.Categories).Include(g => g.Partnerships)
            .AsSplitQuery().ToDictionaryAsync(g => g.Identifier, Ct);
    }

    private static string Names(Grant g, ParticipantRole role) =>
        string.Join("; ", g.Participants.Where(p => p.Role == role).OrderBy(p => p.Position).Select(p => p.Organisation.Name));

    [Fact]
    public async Task Csv_has_one_row_per_match_in_the_search_order_with_the_stored_values()
    {
        var query = $"funder={Uri.EscapeDataString(Wellcome)}&sort=amount";
        var response = await _client.ExportAsync("csv", query);
        var records = await ExportDownload.ReadCsvAsync(response);
        var stored = await StoredAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        // Wellcome funds rows 1–12; the order is the search's, largest euro amount first and row 12 (no euro amount) last.
        Assert.Equal(await _client.SearchIdsAsync(query), records.Select(r => long.Parse(r["Id"], CultureInfo.InvariantCulture)));
        Assert.Equal(12, records.Count);
        Assert.Equal("TEST-12", records[^1]["Identifier"]);
        foreach (var record in records)
        {
            var grant = stored[record["Identifier"]];
            Assert.Equal(grant.Id.ToString(CultureInfo.InvariantCulture), record["Id"]);
            Assert.Equal(grant.Title, record["Title"]);
            Assert.Equal(grant.Description ?? "", record["Description"]);
            Assert.Equal(grant.AmountAwarded, ExportDownload.Number(record["AmountAwarded"]));
            Assert.Equal(grant.Currency, record["Currency"]);
            Assert.Equal(grant.AmountEur, record["AmountEur"].Length == 0 ? null : ExportDownload.Number(record["AmountEur"]));
            Assert.Equal(ExportDownload.Date(grant.AwardDate), record["AwardDate"]);
            Assert.Equal(ExportDownload.Date(grant.PlannedStart), record["PlannedStart"]);
            Assert.Equal(ExportDownload.Date(grant.PlannedEnd), record["PlannedEnd"]);
            Assert.Equal(Names(grant, ParticipantRole.Funder), record["Funders"]);
            Assert.Equal(Names(grant, ParticipantRole.Lead), record["LeadRecipient"]);
            Assert.Equal(Names(grant, ParticipantRole.Participant), record["OtherRecipients"]);
            Assert.Equal(string.Join("; ", grant.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal)), record["Countries"]);
            Assert.Equal(string.Join("; ", grant.Pathogens.Select(p => p.Pathogen).Order(StringComparer.Ordinal)), record["Pathogens"]);
            Assert.Equal(grant.Categories.Select(c => c.HrcsCode).Order(StringComparer.Ordinal),
                record["HrcsCategories"].Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => c[..3]));
            Assert.Equal(string.Join("; ", grant.Partnerships.Select(p => p.Acronym).Order(StringComparer.Ordinal)), record["Partnerships"]);
            Assert.Equal($"http://localhost/grants/{grant.Id}", record["Url"]);
        }
        // Row 1 (Kenya Medical Research Institute leads, Oxford takes part) spelled out once, as a reader sees it.
        var first = records.Single(r => r["Identifier"] == "TEST-01");
        Assert.Equal("1200000", first["AmountAwarded"].Split('.')[0]);
        Assert.Equal("2024-03-01", first["AwardDate"]);
        Assert.Equal(Kemri, first["LeadRecipient"]);
        Assert.Equal(Oxford, first["OtherRecipients"]);
        Assert.Equal("GB; KE", first["Countries"]);
        Assert.Equal("018 Infection", first["HrcsCategories"]);
    }

    [Fact]
    public async Task Without_a_query_every_grant_is_exported_newest_first_not_one_page()
    {
        var records = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv"));

        Assert.Equal(30, records.Count);
        // Awarded 2026-06-06, 2026-03-03, 2026-02-02, as the search lists them.
        Assert.Equal(["TEST-30", "TEST-22", "TEST-10"], records.Take(3).Select(r => r["Identifier"]));
        Assert.Equal(await _client.SearchIdsAsync(""), records.Select(r => long.Parse(r["Id"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Words_rank_by_relevance_as_in_the_search_and_filters_narrow_the_export()
    {
        var relevance = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", "q=malaria"));
        Assert.Equal(await _client.SearchIdsAsync("q=malaria"), relevance.Select(r => long.Parse(r["Id"], CultureInfo.InvariantCulture)));
        Assert.Equal(["TEST-01", "TEST-09", "TEST-30"], relevance.Select(r => r["Identifier"]).Order(StringComparer.Ordinal));

        // Institut Pasteur is a recipient of rows 9, 11, 14 and 23–30; of those, 9, 11, 25, 27 and 30 run on 2026-11-28
        // (row 28 ended the day before).
        var query = $"live=true&recipient={Uri.EscapeDataString(Pasteur)}";
        var live = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", query));
        Assert.Equal(["TEST-09", "TEST-11", "TEST-25", "TEST-27", "TEST-30"], live.Select(r => r["Identifier"]).Order(StringComparer.Ordinal));
        Assert.Equal(await _client.SearchIdsAsync(query), live.Select(r => long.Parse(r["Id"], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Json_is_an_array_of_the_records_the_detail_endpoint_returns()
    {
        var query = "partnership=glopid-r";
        var response = await _client.ExportAsync("json", query);
        var grants = await ExportDownload.ReadJsonArrayAsync(response);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await _client.SearchIdsAsync(query), grants.Select(g => (long)g!["id"]!));
        Assert.Equal(5, grants.Count);
        foreach (var grant in grants)
        {
            var detail = await _client.GetJsonAsync($"/api/v1/grants/{(long)grant!["id"]!}");
            Assert.True(JsonNode.DeepEquals(detail, grant), $"The export of grant {grant["id"]} differs from its record:\n{grant}\n{detail}");
        }
    }

    [Fact]
    public async Task Xlsx_has_a_header_row_and_typed_cells_for_numbers_and_dates()
    {
        var query = "currency=USD";
        var response = await _client.ExportAsync("xlsx", query);
        var sheet = Assert.Single(XlsxSheet.ReadAll(await response.Content.ReadAsByteArrayAsync(Ct)));
        var csvHeaders = (await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", query)))[0].Keys;
        var stored = await StoredAsync();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Grants", sheet.Name);
        Assert.Equal(csvHeaders, sheet.Headers);
        // Rows 11 (2024-08-08, 2,000,000 USD = 1,850,000 EUR) and 12 (2021-12-12, no euro amount), newest first.
        Assert.Equal(3, sheet.Rows.Count);
        Assert.Equal(["TEST-11", "TEST-12"], new[] { 1, 2 }.Select(r => sheet.Cell(r, "Identifier").Text));
        var dengue = stored["TEST-11"];
        Assert.Equal(dengue.Title, sheet.Cell(1, "Title").Text);
        Assert.Equal(2_000_000d, sheet.Cell(1, "AmountAwarded").Number);
        Assert.Equal(1_850_000d, sheet.Cell(1, "AmountEur").Number);
        Assert.Null(sheet.Cell(2, "AmountEur").Number);
        Assert.Equal((double)dengue.Id, sheet.Cell(1, "Id").Number);
        var awarded = sheet.Cell(1, "AwardDate");
        Assert.Equal("yyyy-mm-dd", awarded.NumberFormat);
        Assert.Equal(new DateTime(2024, 8, 8), DateTime.FromOADate(awarded.Number!.Value));
        Assert.Equal(new DateTime(2027, 9, 30), DateTime.FromOADate(sheet.Cell(1, "PlannedEnd").Number!.Value));
        Assert.Equal(Wellcome, sheet.Cell(1, "Funders").Text);
        Assert.Equal(Pasteur, sheet.Cell(1, "LeadRecipient").Text);
    }

    [Theory]
    [InlineData("csv", "text/csv", "healthaccord-grants-2026-11-28-malaria-vaccine.csv")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "healthaccord-grants-2026-11-28-malaria-vaccine.xlsx")]
    [InlineData("json", "application/json", "healthaccord-grants-2026-11-28-malaria-vaccine.json")]
    [InlineData("360giving", "application/json", "healthaccord-grants-2026-11-28-malaria-vaccine-360giving.json")]
    public async Task Each_format_is_a_download_named_after_the_day_and_the_words(string format, string mediaType, string fileName)
    {
        var response = await _client.ExportAsync(format, "q=Malaria+vaccine%21");

        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task A_360giving_export_is_a_package_with_the_standards_field_names()
    {
        var package = await ExportDownload.ReadJsonObjectAsync(await _client.ExportAsync("360giving", "q=malaria+children"));
        var grant = Assert.Single(package["grants"]!.AsArray())!.AsObject();
        var stored = (await StoredAsync())["TEST-01"];

        Assert.Equal("1.4", (string?)package["version"]);
        Assert.Equal("Grants matching “malaria children”, from the HealthAccord registry.", (string?)package["description"]);
        Assert.Equal("TEST-01", (string?)grant["id"]);
        Assert.Equal(stored.Title, (string?)grant["title"]);
        Assert.Equal(stored.Description, (string?)grant["description"]);
        Assert.Equal("GBP", (string?)grant["currency"]);
        Assert.Equal(1_200_000m, (decimal)grant["amountAwarded"]!);
        Assert.Equal("2024-03-01", (string?)grant["awardDate"]);
        Assert.Equal("2024-06-01", (string?)grant["plannedDates"]![0]!["startDate"]);
        Assert.Equal("2028-05-31", (string?)grant["plannedDates"]![0]!["endDate"]);
        Assert.Equal([Kemri, Oxford], grant["recipientOrganization"]!.AsArray().Select(o => (string)o!["name"]!));
        Assert.Equal(["KE", "GB"], grant["recipientOrganization"]!.AsArray().Select(o => (string)o!["addressCountry"]!));
        Assert.Equal(Wellcome, (string?)grant["fundingOrganization"]![0]!["name"]);
        // The test organisations have no org-id identifier or ROR id, so they carry the registry's own.
        Assert.StartsWith("healthaccord-organisation-", (string?)grant["fundingOrganization"]![0]!["id"], StringComparison.Ordinal);
        Assert.Equal(["GB", "KE"], grant["beneficiaryLocation"]!.AsArray().Select(l => (string)l!["countryCode"]!));
        Assert.Equal("Test programme", (string?)grant["grantProgramme"]![0]!["title"]);
        Assert.Equal([("HRCS Health Categories", "018", "Infection"), ("HealthAccord pathogen tags", "malaria", "Malaria")],
            grant["classifications"]!.AsArray().Select(c => ((string)c!["vocabulary"]!, (string)c["code"]!, (string)c["title"]!)));
        Assert.Equal("2026-11-01T09:00:00Z", (string?)grant["dateModified"]);
        Assert.Equal($"http://localhost/grants/{stored.Id}", (string?)grant["url"]);
    }

    [Fact]
    public async Task A_search_without_matches_exports_an_empty_file_not_an_error()
    {
        var records = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", "q=nonexistentword"));
        var json = await ExportDownload.ReadJsonArrayAsync(await _client.ExportAsync("json", "q=nonexistentword"));

        Assert.Empty(records);
        Assert.Empty(json);
    }

    [Theory]
    [InlineData("", "format")]
    [InlineData("format=xml", "format")]
    [InlineData("format=csv&year=last", "year")]
    [InlineData("format=csv&country=Kenya", "country")]
    [InlineData("format=csv&sort=random", "sort")]
    [InlineData("format=csv&amountBand=huge", "amountBand")]
    [InlineData("format=json&live=maybe", "live")]
    public async Task An_unknown_format_or_an_invalid_value_is_a_400_naming_the_field(string query, string field)
    {
        var response = await _client.GetAsync("/api/v1/grants/export?" + query, Ct);

        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Several_invalid_values_are_each_named()
    {
        var response = await _client.GetAsync("/api/v1/grants/export?format=pdf&hrcs=999&currency=euro", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["currency", "format", "hrcs"], (await response.ReadErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }
}
