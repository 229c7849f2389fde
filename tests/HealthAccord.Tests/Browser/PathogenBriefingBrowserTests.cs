using Deque.AxeCore.Playwright;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// The pathogen briefing in a real browser: axe-core finds nothing on the list, the briefing, its country focus and
/// its field error; printed, it leaves out the site's navigation and the form. The browser tests share one app, so
/// these grants use a pathogen (Crimean-Congo haemorrhagic fever) the other browser tests do not.
/// </summary>
public sealed class PathogenBriefingBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task CreateGrantsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var scope = Browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        await new GrantBuilder($"CCHF-{tag}-1", "Tick surveillance for Crimean-Congo haemorrhagic fever").Funder($"Steppe Fund {tag}", "TR")
            .Recipient($"Ankara Institute {tag}", "TR").Amount(300_000m, "EUR", 300_000m).Countries("TR", "IQ").Hrcs("018").Pathogens("cchf")
            .Partnerships("glopid-r").SaveAsync(db, Ct);
        await new GrantBuilder($"CCHF-{tag}-2", "CCHF antivirals").Funder($"Steppe Fund {tag}", "TR")
            .Amount(40_000_000m, "XAF", null).Countries("IQ").Pathogens("cchf").SaveAsync(db, Ct);
    }

    [Fact]
    public async Task The_briefing_pages_have_no_accessibility_violations()
    {
        await CreateGrantsAsync();

        foreach (var path in new[] { "/pathogens", "/pathogens/cchf", "/pathogens/cchf?countries=IQ,TR", "/pathogens/cchf?countries=IQ,QQ" })
        {
            await OpenAsync(path);
            var result = await Page.RunAxe();
            var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
            Assert.True(result.Violations.Length == 0, $"axe found violations on {path}:\n{string.Join('\n', violations)}");
        }
    }

    [Fact]
    public async Task Printed_the_briefing_keeps_its_tables_and_drops_the_navigation_and_the_form()
    {
        await CreateGrantsAsync();
        await OpenAsync("/pathogens/cchf?countries=IQ");

        await Page.EmulateMediaAsync(new() { Media = Media.Print });

        await Expect(Page.Locator(".site-header")).ToBeHiddenAsync();
        await Expect(Page.Locator(".site-footer")).ToBeHiddenAsync();
        await Expect(Page.Locator(".briefing-focus-form")).ToBeHiddenAsync();
        await Expect(Page.Locator("#briefing-countries-caption")).ToBeVisibleAsync();
        await Expect(Page.Locator(".briefing-focus")).ToBeVisibleAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(Page.Locator(".site-header")).ToBeVisibleAsync();
    }
}
