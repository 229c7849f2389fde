using Microsoft.Playwright;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Collects what the browser reports against a page's Content-Security-Policy: the securitypolicyviolation events
/// (recorded by a script that the browser runs outside the page's policy) and console errors, which is where
/// Chromium also reports blocked inline code, together with script errors.
/// </summary>
public sealed class PolicyViolationWatch
{
    private const string Recorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber + ' ' + e.sample));
        """;

    private readonly List<string> _consoleErrors = [];
    private readonly IPage _page;

    private PolicyViolationWatch(IPage page)
    {
        _page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add(message.Text);
        };
        page.PageError += (_, error) =>
        {
            lock (_consoleErrors) _consoleErrors.Add("script error: " + error);
        };
    }

    public static async Task<PolicyViolationWatch> StartAsync(IPage page)
    {
        await page.AddInitScriptAsync(Recorder);
        return new PolicyViolationWatch(page);
    }

    /// <summary>Everything reported on the current page (violations) and since the watch started (console errors).</summary>
    public async Task<IReadOnlyList<string>> ReportedAsync()
    {
        var violations = await _page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        lock (_consoleErrors) return [.. violations, .. _consoleErrors];
    }

    public void ForgetConsole()
    {
        lock (_consoleErrors) _consoleErrors.Clear();
    }
}
