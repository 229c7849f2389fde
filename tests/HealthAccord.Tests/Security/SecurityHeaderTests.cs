using System.Net;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HealthAccord.Tests.Security;

/// <summary>
/// The headers every answer carries over plain HTTP, pages, API, files and errors alike, and the HSTS header that
/// only an HTTPS answer outside Development may carry.
/// </summary>
public sealed class SecurityHeaderTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Addresses =>
    [
        "/", "/partnerships", "/partnerships/glopid-r", "/organisations", "/grants?q=malaria", "/account/signin",
        "/api/v1/partnerships", "/api/v1/grants?q=x", "/api/v1/partnerships/no-such-partnership", "/openapi/v1.json",
        "/css/site.css", "/no-such-page",
    ];

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Every_answer_carries_the_strict_policy_and_the_other_headers(string address)
    {
        var response = await factory.CreateClient().GetAsync(address, Ct);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", policy, StringComparison.Ordinal);
        Assert.Equal("default-src 'self'", Directive(policy, "default-src"));
        Assert.Equal("script-src 'self'", Directive(policy, "script-src"));
        Assert.Equal("style-src 'self'", Directive(policy, "style-src"));
        Assert.Equal("object-src 'none'", Directive(policy, "object-src"));
        Assert.Equal("base-uri 'self'", Directive(policy, "base-uri"));
        Assert.Equal("form-action 'self'", Directive(policy, "form-action"));
        Assert.Equal("frame-ancestors 'none'", Directive(policy, "frame-ancestors"));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain HTTP.");
    }

    [Fact]
    public async Task The_api_reference_allows_its_scripts_by_a_fresh_nonce_and_never_unsafe_inline()
    {
        var client = factory.CreateClient();
        var nonces = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var response = await client.GetAsync("/api/", Ct);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.DoesNotContain("'unsafe-inline'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
            var nonce = Directive(policy, "script-src").Split("'nonce-")[1].TrimEnd('\'');
            var html = await response.Content.ReadAsStringAsync(Ct);
            // Every script tag on the page is either a file from the site or carries this response's nonce.
            var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value).ToList();
            Assert.NotEmpty(scripts);
            Assert.All(scripts, tag => Assert.True(tag.Contains($"nonce=\"{nonce}\"", StringComparison.Ordinal) || tag.Contains("src=\"/js/", StringComparison.Ordinal), tag));
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            nonces.Add(nonce);
        }
        Assert.NotEqual(nonces[0], nonces[1]);
    }

    [Fact]
    public async Task Over_https_outside_development_the_answer_tells_the_browser_to_stay_on_https()
    {
        await using var production = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        var secure = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://registry.example.org/") });
        var plain = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://registry.example.org/") });

        var overHttps = await secure.GetAsync("/partnerships", Ct);
        var overHttp = await plain.GetAsync("/partnerships", Ct);

        var hsts = Assert.Single(overHttps.Headers.GetValues("Strict-Transport-Security"));
        Assert.StartsWith("max-age=", hsts, StringComparison.Ordinal);
        Assert.True(int.Parse(hsts["max-age=".Length..].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture) >= 180 * 24 * 3600, hsts);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }
}
