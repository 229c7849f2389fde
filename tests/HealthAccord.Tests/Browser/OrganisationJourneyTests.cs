using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>A reader looks an organisation up by name and sees the partnerships it sits in (the network view).</summary>
public sealed class OrganisationJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Searching_for_Inserm_leads_to_its_page_with_its_IRDiRC_and_GloPID_R_seats()
    {
        await OpenAsync("/organisations");

        await Page.GetByLabel("Search words").FillAsync("Inserm");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show organisations" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]q=Inserm(&|$)"));
        var result = Page.GetByRole(AriaRole.Link, new() { Name = "French National Institute of Health and Medical Research", Exact = true });
        await Expect(result).ToHaveCountAsync(1);
        await result.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/organisations/\d+$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync("French National Institute of Health and Medical Research");
        var memberships = Page.Locator("section[aria-labelledby='memberships-title'] table tbody tr th a");
        await Expect(memberships).ToHaveCountAsync(2);
        Assert.Equal(["GloPID-R", "IRDiRC"], (await memberships.AllTextContentsAsync()).Select(a => a.Trim()).Order(StringComparer.Ordinal));
        await Expect(Page.Locator("a[href='/partnerships/irdirc']")).ToBeVisibleAsync();
        await Expect(Page.Locator("a[href='/partnerships/glopid-r']")).ToBeVisibleAsync();
    }
}
