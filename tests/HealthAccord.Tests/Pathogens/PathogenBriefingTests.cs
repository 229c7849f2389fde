using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Pathogens;

/// <summary>The briefing on SQLite over <see cref="BriefingPortfolio"/>: its figures through the API, the pages, and bad input.</summary>
public sealed class PathogenBriefingTests(BriefingFactory factory) : IClassFixture<BriefingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> OrganisationIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var id = await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct);
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<JsonNode> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await _client.GetAsync(url, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
    }

    [Fact]
    public async Task The_api_briefing_adds_up_the_pathogens_grants_and_names_the_one_without_a_euro_amount()
    {
        var briefing = await GetJsonAsync("/api/v1/pathogens/marburg/briefing");

        BriefingExpectations.AssertMarburg(briefing, factory.Ids, await OrganisationIdAsync(BriefingPortfolio.Wellcome), await OrganisationIdAsync(BriefingPortfolio.Rcn));
    }

    [Fact]
    public async Task Countries_given_to_the_api_are_singled_out_with_their_own_totals_and_funders()
    {
        var briefing = await GetJsonAsync("/api/v1/pathogens/marburg/briefing?countries=gn,%20SL");

        BriefingExpectations.AssertMarburgInGuineaAndSierraLeone(briefing["focus"]!,
            await OrganisationIdAsync(BriefingPortfolio.Wellcome), await OrganisationIdAsync(BriefingPortfolio.Rcn));
        Assert.Equal(4, (int)briefing["grants"]!);
    }

    [Fact]
    public async Task A_country_without_grants_on_the_pathogen_is_listed_with_zero()
    {
        var focus = (await GetJsonAsync("/api/v1/pathogens/marburg/briefing?countries=LR&countries=GN"))["focus"]!;

        Assert.Equal([("LR", 0), ("GN", 2)], focus["countries"]!.AsArray().Select(c => ((string)c!["key"]!, (int)c["grants"]!)));
        Assert.Equal(2, (int)focus["grants"]!);
    }

    [Fact]
    public async Task A_long_breakdown_lists_the_top_ten_and_folds_the_rest_into_other()
    {
        var byCountry = (await GetJsonAsync("/api/v1/pathogens/lassa/briefing"))["byCountry"]!;

        Assert.Equal(10, byCountry["top"]!.AsArray().Count);
        var other = byCountry["other"]!;
        Assert.Equal((2, 2, 2_400_000m), ((int)other["values"]!, (int)other["grants"]!, (decimal)other["amountEur"]!));
        var listed = byCountry["top"]!.AsArray().Select(r => (string)r!["key"]!).ToList();
        Assert.Equal(10, listed.Distinct().Count());
        Assert.All(listed, code => Assert.Contains(code, BriefingPortfolio.LassaCountries));
    }

    [Fact]
    public async Task A_pathogen_without_grants_has_an_empty_briefing_not_an_error()
    {
        var briefing = await GetJsonAsync("/api/v1/pathogens/nipah/briefing");

        Assert.Equal(0, (int)briefing["grants"]!);
        Assert.Equal(0m, (decimal)briefing["amountEur"]!);
        Assert.Empty(briefing["byCountry"]!["top"]!.AsArray());
        Assert.Empty(briefing["partnerships"]!.AsArray());
    }

    [Fact]
    public async Task The_api_lists_the_whole_catalogue_with_grant_counts()
    {
        var items = (await GetJsonAsync("/api/v1/pathogens"))["items"]!.AsArray();

        var counts = items.ToDictionary(i => (string)i!["code"]!, i => (int)i!["grants"]!);
        Assert.Equal(HealthAccord.Web.Grants.PathogenCatalogue.All.Select(p => p.Code), counts.Keys);
        Assert.Equal((4, 2, 1, 0), (counts["marburg"], counts["ebola"], counts["lassa"], counts["covid-19"]));
        var marburg = items.Single(i => (string)i!["code"]! == "marburg")!;
        Assert.Equal("/api/v1/pathogens/marburg/briefing", (string)marburg["briefingUrl"]!);
    }

    [Fact]
    public async Task An_unknown_pathogen_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/pathogens/dragon-pox/briefing", Ct);

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("dragon-pox", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("GN,GUINEA")]
    [InlineData("G1")]
    public async Task A_bad_country_code_is_a_400_naming_the_countries_field(string countries)
    {
        var response = await _client.GetAsync($"/api/v1/pathogens/marburg/briefing?countries={Uri.EscapeDataString(countries)}", Ct);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var message = Assert.Single(problem["errors"]!["countries"]!.AsArray());
        Assert.Contains("is not a country code", (string)message!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_countries_are_refused()
    {
        var codes = string.Join(",", new[] { "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "NO", "CH", "IS" });

        var response = await _client.GetAsync($"/api/v1/pathogens/marburg/briefing?countries={codes}", Ct);

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Contains("At most 30 countries", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_the_figures_tables_and_partnership_contacts()
    {
        var page = await GetPageAsync("/pathogens/marburg");

        Assert.Equal("Marburg virus disease", page.QuerySelector("h1")!.TextContent.Trim());
        var figures = page.QuerySelectorAll(".briefing-figures dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Equal(["4", "EUR 1,293,751", "2", "2"], figures);
        var note = page.QuerySelector(".briefing-note")!.TextContent;
        Assert.Contains("1 grant has", note, StringComparison.Ordinal);
        Assert.Contains("XAF 10,000,000 (1 grant)", note, StringComparison.Ordinal);

        var countries = page.QuerySelector("#briefing-countries-caption")!.ParentElement!;
        var rows = countries.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Take(3).Select(c => c.TextContent.Trim().Split('\n')[0].Trim()).ToArray()).ToList();
        Assert.Equal([["Guinea", "2", "EUR 1,000,000"], ["Sierra Leone", "1", "EUR 1,000,000"], ["Uganda", "1", "EUR 43,751"]], rows);
        Assert.Contains("1 grant without a euro amount", countries.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/countries/gn", countries.QuerySelector("tbody tr th a")!.GetAttribute("href"));
        Assert.Contains("No research country recorded", countries.QuerySelector("tfoot")!.TextContent, StringComparison.Ordinal);
        var bar = countries.QuerySelector("tbody tr meter.briefing-bar")!;
        Assert.Equal((1_000_000m, 1_000_000m), (decimal.Parse(bar.GetAttribute("value")!, CultureInfo.InvariantCulture), decimal.Parse(bar.GetAttribute("max")!, CultureInfo.InvariantCulture)));
        var uganda = countries.QuerySelectorAll("tbody tr meter.briefing-bar")[2];
        Assert.Equal(43_750.50m, decimal.Parse(uganda.GetAttribute("value")!, CultureInfo.InvariantCulture));

        var largest = page.QuerySelector("#briefing-largest-caption")!.ParentElement!;
        Assert.Equal($"/grants/{factory.Ids["M1"]}", largest.QuerySelector("tbody a")!.GetAttribute("href"));

        var partnerships = page.QuerySelector("#briefing-partnerships-caption")!.ParentElement!;
        Assert.Contains(BriefingPortfolio.GloPidSecretariat, partnerships.TextContent, StringComparison.Ordinal);
        Assert.Equal(BriefingPortfolio.GloPidWebsite, partnerships.QuerySelector("a.briefing-website")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[style]"));
        Assert.Null(page.QuerySelector("script:not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task The_page_singles_out_the_countries_typed_in_its_form()
    {
        var page = await GetPageAsync("/pathogens/marburg?countries=GN%2C+SL");

        var focus = page.QuerySelector(".briefing-focus")!;
        Assert.Equal("In Guinea, Sierra Leone", focus.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("2 grants on Marburg virus disease research in at least one of these countries, EUR 1,000,000 in total", focus.TextContent.Replace("\n", " ", StringComparison.Ordinal).Squeeze(), StringComparison.Ordinal);
        Assert.Equal("GN, SL", page.QuerySelector("#countries")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_bad_country_on_the_page_is_explained_beside_the_field_and_the_briefing_still_shows()
    {
        var page = await GetPageAsync("/pathogens/marburg?countries=GN,ZZ");

        var input = page.QuerySelector("#countries")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("GN,ZZ", input.GetAttribute("value"));
        Assert.Contains("'ZZ' is not a country code", page.QuerySelector("#countries-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".briefing-focus"));
        Assert.NotNull(page.QuerySelector("#briefing-countries-caption"));
    }

    [Fact]
    public async Task An_unknown_pathogen_page_is_the_404_page()
    {
        var response = await _client.GetAsync("/pathogens/dragon-pox", Ct);

        await response.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_list_page_links_each_pathogen_to_its_briefing_with_its_grant_count()
    {
        var page = await GetPageAsync("/pathogens");

        var marburg = page.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector("th a")!.GetAttribute("href") == "/pathogens/marburg");
        Assert.Equal("4", marburg.QuerySelector("td.num")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_grants_page_links_its_pathogen_tags_to_their_briefings()
    {
        var page = await GetPageAsync($"/grants/{factory.Ids["M4"]}");

        var links = page.QuerySelectorAll("a[href^='/pathogens/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/pathogens/ebola", "/pathogens/marburg"], links.Order());
    }
}

internal static class WhitespaceText
{
    /// <summary>Runs of spaces as one, for comparing text that Razor indents across lines.</summary>
    public static string Squeeze(this string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
