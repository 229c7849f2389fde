using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// Exports of grants that test the edges of each format: text that looks like a spreadsheet formula or breaks
/// naive CSV, a grant without a description, the EU as a country, organisations known only by ROR id or by nothing,
/// and a hit whose grant the database no longer holds. Each test's grants are its own.
/// </summary>
public sealed class GrantExportEdgeCaseTests : IAsyncLifetime
{
    private const string Formula = "=HYPERLINK(\"https://example.org\",\"click\")";
    private const string AwkwardText = "Line one, with a comma;\nline \"two\" in quotes — and Ünïcödé.";
    private const string Cihr = "Canadian Institutes of Health Research";

    private readonly HealthAccordFactory _factory = new();
    private HttpClient _client = null!;
    private readonly Dictionary<string, long> _ids = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var grants = new[]
        {
            new GrantBuilder("EDGE-FORMULA", Formula).Description(AwkwardText).Funder("Wellcome Trust").Recipient("University of Oxford", "GB"),
            // The seeded CIHR has a ROR id; the European Commission's country is the EU, which 360Giving's code list lacks.
            new GrantBuilder("EDGE-EU", "Preparedness research across the Union").Description(null)
                .Funder(Cihr).Recipient("European Commission", "EU").Countries("EU", "BE").Awarded(new DateOnly(2025, 5, 1)),
            new GrantBuilder("EDGE-GONE", "A grant deleted behind the index's back").Funder("Wellcome Trust").Recipient("University of Oxford", "GB")
                .Awarded(new DateOnly(2025, 6, 1)),
        };
        foreach (var builder in grants)
        {
            var grant = await builder.SaveAsync(db, Ct);
            _ids[grant.Identifier] = grant.Id;
        }
        await _factory.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync(_ids.Values, Ct);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Csv_quotes_awkward_text_and_defuses_formulas_so_a_parser_gets_the_text_back()
    {
        var records = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", "q=EDGE-FORMULA"));

        var record = Assert.Single(records);
        // The apostrophe keeps a spreadsheet from running the title as a formula; the rest is the title as stored.
        Assert.Equal("'" + Formula, record["Title"]);
        Assert.Equal(AwkwardText, record["Description"]);
    }

    [Fact]
    public async Task Xlsx_keeps_formula_like_text_as_text()
    {
        var sheet = Assert.Single(XlsxSheet.ReadAll(await (await _client.ExportAsync("xlsx", "q=EDGE-FORMULA")).Content.ReadAsByteArrayAsync(Ct)));

        Assert.Equal(Formula, sheet.Cell(1, "Title").Text);
        Assert.Equal(AwkwardText, sheet.Cell(1, "Description").Text);
    }

    [Fact]
    public async Task A_360giving_grant_without_a_description_or_an_iso_country_still_has_what_the_standard_requires()
    {
        var package = await ExportDownload.ReadJsonObjectAsync(await _client.ExportAsync("360giving", "q=EDGE-EU"));
        var grant = Assert.Single(package["grants"]!.AsArray())!;

        Assert.Equal("", (string?)grant["description"]);
        // The EU is named but not coded; Belgium is both.
        Assert.Equal(["Belgium", "European Union"], grant["beneficiaryLocation"]!.AsArray().Select(l => (string)l!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal(["BE"], grant["beneficiaryLocation"]!.AsArray().Select(l => (string?)l!["countryCode"]).OfType<string>());
        Assert.Equal("XI-ROR-01gavpb45", (string?)grant["fundingOrganization"]![0]!["id"]);
        var commission = await OrganisationIdAsync("European Commission");
        Assert.Equal($"healthaccord-organisation-{commission.ToString(CultureInfo.InvariantCulture)}", (string?)grant["recipientOrganization"]![0]!["id"]);
    }

    [Fact]
    public async Task A_search_with_no_matches_exports_an_empty_csv_but_no_360giving_package()
    {
        const string nothing = "q=no-grant-has-this-word-zyxw";
        var csv = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv", nothing));
        Assert.Empty(csv);

        // The standard's package schema wants at least one grant, so an empty "package" would not be one.
        var problem = await (await _client.GetAsync($"/api/v1/grants/export?format=360giving&{nothing}", Ct))
            .ReadProblemAsync(System.Net.HttpStatusCode.UnprocessableContent);
        Assert.Equal("No grants to export", (string?)problem["title"]);
        Assert.Contains("at least one grant", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hit_whose_grant_the_database_lost_is_left_out_and_dropped_from_the_index()
    {
        var index = _factory.Services.GetRequiredService<GrantIndex>();
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            await db.Grants.Where(g => g.Identifier == "EDGE-GONE").ExecuteDeleteAsync(Ct);
        }
        var dropped = index.StaleHitsDropped;

        var records = await ExportDownload.ReadCsvAsync(await _client.ExportAsync("csv"));

        Assert.Equal(["EDGE-EU", "EDGE-FORMULA"], records.Select(r => r["Identifier"]).Order(StringComparer.Ordinal));
        Assert.Equal(dropped + 1, index.StaleHitsDropped);
        Assert.Equal(2, index.Count);
    }

    private async Task<int> OrganisationIdAsync(string name)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
    }
}
