using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Pathogens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>
/// An outbreak's briefing: the pathogen briefing over <see cref="BriefingPortfolio"/> with the outbreak's affected countries
/// singled out, and the new calls funders announced in answer, through the API and on the outbreak's page.
/// </summary>
public sealed class OutbreakBriefingTests(BriefingFactory factory) : IClassFixture<BriefingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Marburg outbreak in Guinea and Sierra Leone whose first funder has announced a call.</summary>
    private async Task<TestOutbreak> MarburgOutbreakWithACallAsync()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, pathogen: "marburg", funders: 2);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        db.OutbreakCountries.RemoveRange(db.OutbreakCountries.Where(c => c.OutbreakId == outbreak.Id));
        db.OutbreakCountries.AddRange(new OutbreakCountry { OutbreakId = outbreak.Id, CountryCode = "SL" },
            new OutbreakCountry { OutbreakId = outbreak.Id, CountryCode = "GN" });
        var answer = await db.OutbreakResponses.SingleAsync(r => r.Id == outbreak.Funders[0].ResponseId, Ct);
        answer.Commitment = CommitmentKind.NewCall;
        answer.CommitmentUrl = "https://funder.example.org/calls/marburg-2026";
        answer.CommitmentAmount = 2_500_000m;
        answer.CommitmentCurrency = "EUR";
        answer.CommittedAt = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        await db.SaveChangesAsync(Ct);
        return outbreak;
    }

    private async Task<string> OrganisationIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return (await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(Ct)).ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task The_api_briefing_singles_out_the_affected_countries_and_lists_the_announced_call()
    {
        var outbreak = await MarburgOutbreakWithACallAsync();

        var response = await _client.GetAsync($"{outbreak.ApiUrl}/briefing", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var briefing = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

        var portfolio = briefing["portfolio"]!;
        Assert.Equal("marburg", (string)portfolio["code"]!);
        Assert.Equal(4, (int)portfolio["grants"]!);
        BriefingExpectations.AssertMarburgInGuineaAndSierraLeone(portfolio["focus"]!, await OrganisationIdAsync(BriefingPortfolio.Wellcome),
            await OrganisationIdAsync(BriefingPortfolio.Rcn));
        var call = Assert.Single(briefing["openCalls"]!.AsArray())!;
        Assert.Equal(outbreak.Funders[0].Name, (string)call["funder"]!);
        Assert.Equal("https://funder.example.org/calls/marburg-2026", (string)call["url"]!);
        Assert.Equal(2_500_000m, (decimal)call["budget"]!);
    }

    [Fact]
    public async Task The_outbreak_page_carries_the_briefing_and_the_call()
    {
        var outbreak = await MarburgOutbreakWithACallAsync();

        var response = await _client.GetAsync(outbreak.Page, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);

        var section = page.QuerySelector("#briefing")!;
        Assert.NotNull(section.QuerySelector("#briefing-summary-title"));
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://funder.example.org/calls/marburg-2026");
        Assert.Contains(outbreak.Funders[0].Name, section.TextContent);
        Assert.Contains("2,500,000 EUR", section.TextContent);
    }

    [Fact]
    public async Task An_outbreak_without_announced_calls_says_so()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, pathogen: "marburg", funders: 1);

        var briefing = JsonNode.Parse(await _client.GetStringAsync($"{outbreak.ApiUrl}/briefing", Ct))!;
        var page = await new HtmlParser().ParseDocumentAsync(await _client.GetStringAsync(outbreak.Page, Ct), Ct);

        Assert.Empty(briefing["openCalls"]!.AsArray());
        Assert.Contains("No funder has announced a new call yet.", page.QuerySelector("#briefing")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_outbreak_has_no_briefing()
    {
        var response = await _client.GetAsync("/api/v1/outbreaks/987654/briefing", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
