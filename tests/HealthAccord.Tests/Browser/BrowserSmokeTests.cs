using System.Text.Json.Nodes;

namespace HealthAccord.Tests.Browser;

/// <summary>Proves the browser set-up itself (real Kestrel, Debian's Chromium, Playwright) on what the app serves today.</summary>
public sealed class BrowserSmokeTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_browser_reaches_the_app_on_real_Kestrel()
    {
        Assert.Equal("127.0.0.1", Browser.BaseAddress.Host);
        Assert.NotEqual(0, Browser.BaseAddress.Port);

        var response = await OpenAsync("/api/v1/partnerships/glopid-r");

        var glopid = JsonNode.Parse(await response.TextAsync())!;
        Assert.Equal("Global Research Collaboration for Infectious Disease Preparedness", (string)glopid["name"]!);
        Assert.Contains("application/json", response.Headers["content-type"], StringComparison.Ordinal);
    }
}
