using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HealthAccord.Tests.Grants.GrantSearchFactory;

namespace HealthAccord.Tests.Organisations;

/// <summary>
/// An organisation's grants by award year, on its page and through the API, over the 30 grants of
/// <see cref="GrantSearchFactory.Rows"/>: the expected figures are summed from that table here, not copied.
/// </summary>
public sealed class OrganisationGrantTotalsTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> OrganisationIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
    }

    private static int Year(Row row) => DateOnly.Parse(row.Awarded, CultureInfo.InvariantCulture).Year;

    private static List<(int Year, int Grants, decimal Eur, int WithoutEur)> Expected(IEnumerable<Row> rows) =>
        rows.GroupBy(Year).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Count(), g.Sum(r => r.Eur ?? 0m), g.Count(r => r.Eur is null)))
            .ToList();

    private static List<(int Year, int Grants, decimal Eur, int WithoutEur)> Actual(JsonNode side) =>
        side.AsArray().Select(y => ((int)y!["year"]!, (int)y["grants"]!, (decimal)y["amountEur"]!, (int)y["grantsWithoutEur"]!)).ToList();

    [Fact]
    public async Task The_api_sums_a_funders_grants_by_award_year_including_the_one_without_a_euro_amount()
    {
        var id = await OrganisationIdAsync(Wellcome);

        var response = await _client.GetAsync($"/api/v1/organisations/{id}/grant-totals", Ct);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        var totals = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(Expected(Rows.Where(r => r.Funder == Wellcome)), Actual(totals["asFunder"]!));
        Assert.Contains(Actual(totals["asFunder"]!), y => y.WithoutEur == 1);
        Assert.Empty(totals["asRecipient"]!.AsArray());
        Assert.Equal("/grants?funder=Wellcome%20Trust", (string)totals["funderSearchUrl"]!);
    }

    [Fact]
    public async Task A_recipient_counts_each_grant_it_leads_or_joins_once()
    {
        var id = await OrganisationIdAsync(Oxford);

        var totals = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/organisations/{id}/grant-totals", Ct))!;

        var expected = Expected(Rows.Where(r => r.Recipients.Contains(Oxford)));
        Assert.Equal(expected, Actual(totals["asRecipient"]!));
        Assert.Equal(Rows.Count(r => r.Recipients.Contains(Oxford)), expected.Sum(y => y.Grants));
        Assert.Empty(totals["asFunder"]!.AsArray());
    }

    [Fact]
    public async Task The_organisation_page_shows_a_table_per_side_with_links_into_the_grant_search()
    {
        var id = await OrganisationIdAsync(Mrc);

        var html = await _client.GetStringAsync($"/organisations/{id}", Ct);

        var page = await new HtmlParser().ParseDocumentAsync(html, Ct);
        var table = page.QuerySelector("#funded-caption")!.ParentElement!;
        var expected = Expected(Rows.Where(r => r.Funder == Mrc));
        var years = table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelector("th a")!).ToList();
        Assert.Equal(expected.Select(e => e.Year.ToString(CultureInfo.InvariantCulture)), years.Select(a => a.TextContent));
        Assert.Equal($"/grants?funder=Medical%20Research%20Council&year={expected[0].Year}", years[0].GetAttribute("href"));
        var footer = table.QuerySelector("tfoot")!.TextContent;
        Assert.Contains(expected.Sum(e => e.Grants).ToString(CultureInfo.InvariantCulture), footer);
        Assert.Contains("EUR " + Math.Round(expected.Sum(e => e.Eur)).ToString("#,0", CultureInfo.InvariantCulture), footer);
        Assert.Null(page.QuerySelector("#received-caption"));
    }

    [Fact]
    public async Task An_unknown_organisation_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/organisations/999999/grant-totals", Ct);

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_organisation_without_grants_says_so()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var seeded = await db.Organisations.Where(o => !db.GrantParticipants.Any(p => p.OrganisationId == o.Id)).Select(o => o.Id).FirstAsync(Ct);

        var html = await _client.GetStringAsync($"/organisations/{seeded}", Ct);

        Assert.Contains("No imported grant names this organisation", html, StringComparison.Ordinal);
    }
}
