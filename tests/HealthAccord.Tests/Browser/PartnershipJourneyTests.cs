using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// A reader's path through the partnerships: from the home page to GloPID-R, and through the filters of the list.
/// "/" lists the partnerships with links to /partnerships/{slug}; a partnership's page has its name in the h1, its
/// headline goal, and its members in a table.
/// </summary>
public sealed partial class PartnershipJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [GeneratedRegex(@"\b48[\s-]*(hours?|h)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FortyEightHours();

    [Fact]
    public async Task The_home_page_lists_the_ten_partnerships()
    {
        await OpenAsync("/");

        foreach (var slug in Partnerships.PartnershipData.SeededSlugs)
            await Expect(Page.Locator($"a[href='/partnerships/{slug}']").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task From_the_home_page_a_reader_reaches_GloPID_R_with_its_48_hour_goal_and_members()
    {
        await OpenAsync("/");

        await Page.Locator("a[href='/partnerships/glopid-r']").First.ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/partnerships/glopid-r$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync("Global Research Collaboration for Infectious Disease Preparedness");
        await Expect(Page.GetByText(FortyEightHours()).First).ToBeVisibleAsync();
        var members = Page.Locator("table").Filter(new() { HasText = "Brazil" });
        await Expect(members.First).ToBeVisibleAsync();
        await Expect(members.First.Locator("tbody tr").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filtering_the_partnerships_by_the_EU_role_Contributor_shows_EDCTP_and_ICGC_only()
    {
        await OpenAsync("/partnerships");

        await Page.GetByLabel("EU role").SelectOptionAsync(new SelectOptionValue { Label = "Contributor" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show partnerships" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"[?&]euRole=contributor(&|$)"));
        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("2 partnerships match");
        var acronyms = await Page.Locator("table.partnership-table tbody tr a.acronym").AllTextContentsAsync();
        Assert.Equal(["EDCTP", "ICGC"], acronyms.Select(a => a.Trim()).Order(StringComparer.Ordinal));
        await Expect(Page.GetByLabel("EU role")).ToHaveValueAsync("contributor");
    }
}
