using System.Text.RegularExpressions;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Editing a partnership in a real browser with scripts blocked: an editor changes it, finds the change in its
/// history and reverts it; two editors who change it at once, the second of whom gets the conflict page.
/// </summary>
public sealed class PartnershipEditJourneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task BlockScriptsAsync(IPage page) => await page.Context.RouteAsync("**/*.js", route => route.AbortAsync());

    [Fact]
    public async Task An_editor_changes_a_partnership_sees_the_change_in_its_history_and_reverts_it()
    {
        var (slug, id, writer) = await EditorSession.CreatePartnershipAsync(Browser);
        using var _ = writer;
        var editor = Browser.App.CreateAccount(AccountRoles.Editor, partnerships: [id], password: HistoryAccounts.Password);
        await EditorSession.SignInAsync(Page, editor);
        await BlockScriptsAsync(Page);

        await OpenAsync($"/partnerships/{slug}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit this partnership" }).ClickAsync();
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Changed in the browser");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/partnerships/{slug}#history$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync("Changed in the browser");
        var entry = Page.Locator("#history .timeline-entry").First;
        await Expect(entry.Locator(".timeline-summary")).ToHaveTextAsync("Updated partnership TEST: name");
        await Expect(entry.Locator(".badge")).ToHaveTextAsync("Website");
        await Expect(entry.Locator("del")).ToHaveTextAsync($"Test partnership {slug}");
        await Expect(entry.Locator("ins")).ToHaveTextAsync("Changed in the browser");

        await entry.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Revert change") }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex(@"/history/changes/\d+$"));
        await Page.Locator("section.changed-record h2 a").ClickAsync();
        await Expect(Page.Locator("h1")).ToContainTextAsync($"Test partnership {slug}");
        await Expect(Page.Locator("#history .timeline-entry").First.Locator(".badge")).ToHaveTextAsync("Revert");
        Assert.Equal($"Test partnership {slug}", (string)(await PartnershipData.GetAsync(writer, slug)).Body["name"]!);
    }

    [Fact]
    public async Task Of_two_editors_changing_a_partnership_at_once_the_second_sees_both_versions_and_chooses()
    {
        var (slug, id, writer) = await EditorSession.CreatePartnershipAsync(Browser);
        using var _ = writer;
        await using var otherContext = await Browser.NewContextAsync();
        var other = await otherContext.NewPageAsync();
        other.SetDefaultTimeout(15_000);
        await EditorSession.SignInAsync(Page, Browser.App.CreateAccount(AccountRoles.Editor, partnerships: [id], password: HistoryAccounts.Password));
        await EditorSession.SignInAsync(other, Browser.App.CreateAccount(AccountRoles.Editor, partnerships: [id], password: HistoryAccounts.Password));
        await BlockScriptsAsync(Page);
        await BlockScriptsAsync(other);
        await OpenAsync($"/partnerships/{slug}/edit");
        await other.GotoAsync($"/partnerships/{slug}/edit");

        await other.GetByLabel("Acronym").FillAsync("FIRST");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(other).ToHaveURLAsync(new Regex($"/partnerships/{slug}#history$"));
        await Page.GetByLabel("Acronym").FillAsync("SECOND");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(Page.Locator("#conflict-title")).ToHaveTextAsync("This partnership was changed while you were editing it");
        var acronym = Page.Locator(".conflict-table tbody tr", new() { Has = Page.Locator("th", new() { HasTextString = "Acronym" }) });
        await Expect(acronym.Locator("td")).ToHaveTextAsync(["SECOND", "FIRST"]);
        await Expect(acronym.Locator(".change-tag")).ToHaveTextAsync("differs");
        Assert.Equal("FIRST", (string)(await PartnershipData.GetAsync(writer, slug)).Body["acronym"]!);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save my version over the stored one" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex($"/partnerships/{slug}#history$"));
        await Expect(Page.Locator("h1")).ToContainTextAsync("(SECOND)");
        Assert.Equal(3, (int)(await PartnershipData.GetAsync(writer, slug)).Body["version"]!);
    }
}
