using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// The site's pages under its real Content-Security-Policy in Chromium: each loads with its stylesheet applied and
/// nothing blocked or failing, so the strict policy costs the site nothing; and the interactive API reference, a
/// script-heavy app, renders the API under its nonce-and-hash policy.
/// </summary>
public sealed partial class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("HealthAccord API")]
    private static partial Regex ApiTitle();

    private async Task<long> CreateGrantAsync(string word)
    {
        using var scope = Browser.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var grant = await new GrantBuilder($"CSP-{word}", $"{word} surveillance in wetlands")
            .Description($"How {word} moves between birds and farms.")
            .Funder($"Policy Foundation {word}", "GB").Recipient($"Institute {word}", "KE")
            .Amount(100_000m, "EUR", 100_000m).Planned(new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31))
            .Partnerships("glopid-r").Countries("KE")
            .SaveAsync(db, Ct);
        await Browser.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync([grant.Id], Ct);
        return grant.Id;
    }

    /// <summary>Opens a page, checks that it shows its heading with the site's styles applied, and that nothing was reported.</summary>
    private async Task AssertCleanAsync(PolicyViolationWatch watch, string path, string heading)
    {
        watch.ForgetConsole();
        await OpenAsync(path);
        await Expect(Page.Locator("h1").First).ToContainTextAsync(heading);
        // The header is laid out by site.css as a flex row; unstyled it would be a block.
        Assert.Equal("flex", await Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.header-inner')).display"));
        Assert.Empty(await watch.ReportedAsync());
    }

    [Fact]
    public async Task The_public_pages_load_with_no_policy_violation()
    {
        var watch = await PolicyViolationWatch.StartAsync(Page);
        var word = "Cspword" + Guid.NewGuid().ToString("N")[..8];
        var grant = await CreateGrantAsync(word);

        await AssertCleanAsync(watch, "/", "International health research partnerships");
        await AssertCleanAsync(watch, "/partnerships", "Partnerships");
        await AssertCleanAsync(watch, "/partnerships/glopid-r", "GloPID-R");
        await AssertCleanAsync(watch, "/organisations", "Organisations");
        await Page.Locator("main a[href^='/organisations/']").First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/organisations/\\d+$"));
        Assert.Empty(await watch.ReportedAsync());
        await AssertCleanAsync(watch, "/agreements", "Agreements");
        await AssertCleanAsync(watch, "/countries/ke", "Kenya");
        await AssertCleanAsync(watch, $"/grants?q={word}", "Grants");
        await Expect(Page.Locator("#results-title")).ToHaveTextAsync("1 grant matches");
        await AssertCleanAsync(watch, $"/grants/{grant}", word);
        await AssertCleanAsync(watch, "/account/signin", "Sign in");
    }

    [Fact]
    public async Task The_signed_in_pages_and_the_authenticator_code_load_with_no_policy_violation()
    {
        var watch = await PolicyViolationWatch.StartAsync(Page);
        var (_, change) = await EditorSession.RenamePartnershipAsync(Browser, "Policy Watch Partnership");
        await EditorSession.SignInAsync(Browser, Page);

        await AssertCleanAsync(watch, "/account", "Your account");
        await AssertCleanAsync(watch, "/account/tokens", "API tokens");
        await AssertCleanAsync(watch, "/account/two-factor", "Second sign-in step");
        // The QR code is inline SVG: it must be drawn (sized by the stylesheet), not blocked.
        var qr = await Page.Locator(".qr-code svg").BoundingBoxAsync();
        Assert.NotNull(qr);
        Assert.True(qr.Width > 100 && qr.Height > 100, $"QR code drawn at {qr.Width}x{qr.Height}");
        await AssertCleanAsync(watch, "/admin/users", "User accounts");
        await AssertCleanAsync(watch, "/history", "Audit log");
        await AssertCleanAsync(watch, $"/history/changes/{change}", "");
        await Expect(Page.Locator("main")).ToContainTextAsync("Policy Watch Partnership");
    }

    [Fact]
    public async Task The_api_reference_renders_the_api_with_no_policy_violation()
    {
        var watch = await PolicyViolationWatch.StartAsync(Page);
        await OpenAsync("/api/");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = ApiTitle() }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Page.GetByText("/api/v1/partnerships").First).ToBeAttachedAsync();
        // Its injected theme (allowed by hash) defines the colour variables the whole reference is painted with.
        Assert.NotEqual("", await Page.EvaluateAsync<string>(
            "() => getComputedStyle(document.body).getPropertyValue('--scalar-background-1').trim()"));
        // Late work of the app (highlighting, measuring) happens after the first paint; give it a moment to report.
        await Page.WaitForTimeoutAsync(1_500);
        Assert.Empty(await watch.ReportedAsync());
    }
}
