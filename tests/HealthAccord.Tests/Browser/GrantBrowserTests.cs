using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// The grant search in a real browser. The browser tests share one app, so each test searches for a word only its
/// own grants contain, under funder names of its own.
/// </summary>
public sealed class GrantBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three grants containing a fresh word: two from one funder, one from another.</summary>
    private async Task<(string Word, string Funder, string OtherFunder, long FirstId)> CreateGrantsAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var word = "Zoonosis" + tag;
        var (funder, other) = ($"Browser Foundation {tag}", $"Other Council {tag}");
        var ids = new List<long>();
        using (var scope = Browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            foreach (var (title, by, live) in new[] { ($"{word} in bats", funder, true), ($"{word} in poultry markets", funder, false), ($"{word} and rodents", other, true) })
            {
                var grant = await new GrantBuilder($"BROWSER-{tag}-{ids.Count}", title)
                    .Description($"How {word} spreads <between> species & what to do.")
                    .Funder(by, "GB").Recipient($"Research Institute {tag}", "KE").Recipient($"Partner University {tag}", "FR", share: 20_000m)
                    .Amount(250_000m, "GBP", 290_000m)
                    .Planned(live ? new DateOnly(2025, 1, 1) : new DateOnly(2020, 1, 1), live ? new DateOnly(2027, 12, 31) : new DateOnly(2022, 12, 31))
                    .Pathogens("nipah").Hrcs("018").Partnerships("glopid-r").Countries("KE")
                    .SaveAsync(db, Ct);
                ids.Add(grant.Id);
            }
        }
        await Browser.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync(ids, Ct);
        return (word, funder, other, ids[0]);
    }

    [Fact]
    public async Task Ticking_a_funder_and_applying_filters_the_results_and_the_tick_survives_a_reload()
    {
        var (word, funder, other, _) = await CreateGrantsAsync();
        await OpenAsync($"/grants?q={word}");
        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("3 grants match");

        await Page.GetByLabel(new Regex("^" + Regex.Escape(funder))).CheckAsync();
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("funder=Browser"));
        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("2 grants match");
        await Expect(Page.Locator(".grant-list > li")).ToHaveCountAsync(2);
        await Page.ReloadAsync();
        await Expect(Page.GetByLabel(new Regex("^" + Regex.Escape(funder)))).ToBeCheckedAsync();
        await Expect(Page.GetByLabel(new Regex("^" + Regex.Escape(other)))).Not.ToBeCheckedAsync();
        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("2 grants match");
        await Expect(Page.Locator("#q")).ToHaveValueAsync(word);
    }

    [Fact]
    public async Task The_live_checkbox_and_the_order_apply_with_the_search_button()
    {
        var (word, _, _, _) = await CreateGrantsAsync();
        await OpenAsync($"/grants?q={word}");

        await Page.GetByLabel("Only grants running today").CheckAsync();
        await Page.GetByLabel("Order").SelectOptionAsync("date-asc");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Search grants" }).ClickAsync();

        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("2 grants match");
        await Expect(Page.Locator(".grant-list .badge-live")).ToHaveCountAsync(2);
        await Expect(Page).ToHaveURLAsync(new Regex("live=true"));
    }

    [Fact]
    public async Task The_download_links_save_every_match_of_the_search_shown()
    {
        var (word, funder, _, _) = await CreateGrantsAsync();
        await OpenAsync($"/grants?q={word}&funder={Uri.EscapeDataString(funder)}&pageSize=1");

        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.Locator("p.grant-exports").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "360Giving JSON" }).ClickAsync());

        Assert.EndsWith("-360giving.json", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await download.PathAsync();
        var package = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file, Ct))!;
        // Both of the funder's grants, though the page shows one at a time.
        Assert.Equal([$"{word} in bats", $"{word} in poultry markets"],
            package["grants"]!.AsArray().Select(g => (string)g!["title"]!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("search")]
    [InlineData("search-filtered")]
    [InlineData("grant")]
    public async Task Grant_pages_have_no_accessibility_violations(string which)
    {
        var (word, funder, _, id) = await CreateGrantsAsync();
        var path = which switch
        {
            "search" => $"/grants?q={word}",
            "search-filtered" => $"/grants?q={word}&funder={Uri.EscapeDataString(funder)}&live=true&year=abc",
            _ => $"/grants/{id}",
        };
        await OpenAsync(path);

        var result = await Page.RunAxe();

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations on {path}:\n{string.Join('\n', violations)}");
    }
}
