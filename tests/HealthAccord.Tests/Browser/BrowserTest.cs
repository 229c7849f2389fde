using HealthAccord.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Base for browser tests: a new page per test, and when a test fails a full-page screenshot in the artifacts
/// folder (TEST_ARTIFACTS_DIR, which ./test.sh points at its results folder) named after the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private IBrowserContext? _context;
    private IPage? _page;

    protected BrowserFixture Browser { get; } = browser;

    /// <summary>True in tests of output encoding: their browser ignores the Content-Security-Policy.</summary>
    protected virtual bool BypassContentSecurityPolicy => false;

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is created in InitializeAsync.");

    public async ValueTask InitializeAsync()
    {
        _context = await Browser.NewContextAsync(BypassContentSecurityPolicy);
        _page = await _context.NewPageAsync();
        _page.SetDefaultTimeout(15_000);
    }

    /// <summary>Opens a page of the site; any answer but a success (a 404 included) fails the test.</summary>
    protected async Task<IResponse> OpenAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"{path} answered {response.Status}.");
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "browser-test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
            var file = Path.Combine(TestPaths.Artifacts, $"{name[..Math.Min(name.Length, 150)]}.png");
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.Error.WriteLine($"Screenshot of the failed browser test: {file}");
        }
        if (_context is not null) await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
