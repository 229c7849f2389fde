using HealthAccord.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HealthAccord.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// One app on real Kestrel (a random loopback port) and one headless Chromium, shared by every browser test.
/// Playwright drives Debian's chromium package, because `playwright install` cannot download browsers here;
/// where that package is missing the fixture starts nothing and the tests skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private HealthAccordFactory? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app itself, for tests that make accounts and tokens in it (see <see cref="TestAccounts"/>).</summary>
    public HealthAccordFactory App => _app ?? throw new InvalidOperationException("The app starts only where chromium is installed.");

    /// <summary>The app's services, for tests that put their own data into its database.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app starts only where chromium is installed.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        _app = new HealthAccordFactory();
        BaseAddress = _app.StartKestrel();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh context (own cookies and storage) with relative URLs resolved against the app. With
    /// <paramref name="bypassContentSecurityPolicy"/> the browser ignores the site's policy, for tests of output
    /// encoding that must not pass only because the policy blocked what escaping let through.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(bool bypassContentSecurityPolicy = false)
    {
        if (_browser is null) Assert.Skip("chromium not installed");
        return await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            BypassCSP = bypassContentSecurityPolicy,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
