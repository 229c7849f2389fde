using Deque.AxeCore.Playwright;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Every kind of page passes axe-core with no violations. A path ending in "/*" means "the first detail page linked from that list page", so the
/// test does not guess the ids of organisations or agreements.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/partnerships")]
    [InlineData("/partnerships/glopid-r")]
    [InlineData("/organisations")]
    [InlineData("/organisations/*")]
    [InlineData("/agreements")]
    [InlineData("/agreements/*")]
    [InlineData("/countries")]
    [InlineData("/countries/FR")]
    public async Task The_page_has_no_accessibility_violations(string path)
    {
        if (path.EndsWith("/*", StringComparison.Ordinal))
        {
            var list = path[..^2];
            await OpenAsync(list);
            var href = await Page.Locator($"a[href^='{list}/']").First.GetAttributeAsync("href");
            Assert.False(string.IsNullOrEmpty(href), $"{list} links to no detail page.");
            path = href;
        }
        await OpenAsync(path);

        await AssertNoViolationsAsync(path);
    }

    /// <summary>
    /// The history's pages as an editor sees them (with revert buttons and the audit log, which needs the editors'
    /// key), over a change made for the purpose: a record page's timeline, a change's page, the audit log unfiltered
    /// and with a filter it has to refuse.
    /// </summary>
    [Fact]
    public async Task The_history_pages_have_no_accessibility_violations()
    {
        var (slug, change) = await EditorSession.RenamePartnershipAsync(Browser, "Renamed for the accessibility test");
        await EditorSession.SignInAsync(Browser, Page);

        foreach (var path in new[] { $"/partnerships/{slug}", $"/history/changes/{change}", "/history", "/history?from=not-a-date&source=api" })
        {
            await OpenAsync(path);
            await AssertNoViolationsAsync(path);
        }
    }

    private async Task AssertNoViolationsAsync(string path)
    {
        var result = await Page.RunAxe();

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations on {path}:\n{string.Join('\n', violations)}");
    }
}
