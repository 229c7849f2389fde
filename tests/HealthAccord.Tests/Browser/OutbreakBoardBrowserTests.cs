using HealthAccord.Tests.Outbreaks;
using HealthAccord.Web.Outbreaks.Responses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>The outbreak's status board follows a funder's answer live, in a real browser, without the page reloading.</summary>
public sealed class OutbreakBoardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_board_changes_when_a_funder_answers_without_a_reload()
    {
        var outbreak = await OutbreakData.CreateAsync(Browser.App, hoursAgo: 6);
        var funder = outbreak.Funders[0];
        var link = Browser.Services.GetRequiredService<ResponseLinks>().CreatePath(funder.ResponseId);
        await OpenAsync(outbreak.Page);
        // Marks this document: a reload would lose it.
        await Page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var commitment = Page.Locator("#milestone-first-commitment");
        await Expect(commitment).ToHaveAttributeAsync("data-state", "OnTrack");
        await Expect(Page.Locator("#clock")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("board-live"));

        var funderPage = await Page.Context.NewPageAsync();
        await funderPage.GotoAsync(link);
        await funderPage.GetByLabel("Re-purposed funds", new() { Exact = true }).CheckAsync();
        await funderPage.GetByLabel("Amount (re-purposed funds, or the new call's budget)").FillAsync("250000");
        await funderPage.GetByLabel("Currency (ISO 4217 code, such as EUR)").FillAsync("EUR");
        await funderPage.GetByRole(AriaRole.Button, new() { Name = "Send our answers" }).ClickAsync();
        await Expect(funderPage.Locator("[role=status]")).ToContainTextAsync("your answers are recorded");

        await Expect(commitment).ToHaveAttributeAsync("data-state", "ReachedOnTime");
        await Expect(Page.Locator($"#response-{funder.ResponseId} .answer-commitment")).ToContainTextAsync("Re-purposed funds: 250,000 EUR");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "The outbreak page was reloaded.");
    }
}
