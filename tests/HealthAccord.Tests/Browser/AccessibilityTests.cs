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

        var result = await Page.RunAxe();

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations on {path}:\n{string.Join('\n', violations)}");
    }
}
