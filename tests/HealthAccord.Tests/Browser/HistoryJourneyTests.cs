using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>An editor finds a change in a partnership's history and reverts it, in a real browser with JavaScript off.</summary>
public sealed class HistoryJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_editor_sees_a_change_in_the_partnerships_history_and_reverts_it()
    {
        var (slug, change) = await EditorSession.RenamePartnershipAsync(Browser, "A name to take back");
        await EditorSession.SignInAsync(Browser, Page);
        // Nothing in the history needs scripts: the revert is a plain form.
        await Page.Context.RouteAsync("**/*.js", route => route.AbortAsync());

        await OpenAsync($"/partnerships/{slug}");
        var entry = Page.Locator("#history .timeline-entry").First;
        await Expect(entry.Locator(".timeline-summary")).ToHaveTextAsync("Updated partnership TEST: name");
        await Expect(entry.Locator("ins")).ToHaveTextAsync("A name to take back");

        await entry.GetByRole(AriaRole.Button, new() { Name = $"Revert change {change}" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/history/changes/\d+$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync($"Reverted change {change}: Updated partnership TEST: name");
        await Page.Locator("section.changed-record h2 a").ClickAsync();
        await Expect(Page.Locator("h1")).ToContainTextAsync($"Test partnership {slug}");
        await Expect(Page.Locator("#history .timeline-entry").First.Locator(".badge")).ToHaveTextAsync("Revert");
    }
}
