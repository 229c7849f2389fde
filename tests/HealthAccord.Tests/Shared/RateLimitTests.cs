using System.Net;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HealthAccord.Tests.Shared;

/// <summary>The limits per minute: the API per address and per token, the account forms per address.</summary>
public sealed class RateLimitTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebApplicationFactory<Program> With(string setting, string value) =>
        factory.WithWebHostBuilder(builder => builder.UseSetting(setting, value));

    [Fact]
    public async Task The_api_answers_429_with_retry_after_once_an_address_has_used_its_minute()
    {
        await using var limited = With("RateLimiting:Api:PerAddressPerMinute", "3");
        var client = limited.CreateClient();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/countries/NO", Ct)).StatusCode);
        var refused = await client.GetAsync("/api/v1/countries/NO", Ct);

        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", (string?)problem["title"]);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        // Pages are not counted against the API's limit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/partnerships", Ct)).StatusCode);
    }

    [Fact]
    public async Task Each_token_has_its_own_minute_so_one_busy_token_does_not_stop_another()
    {
        await using var limited = With("RateLimiting:Api:PerTokenPerMinute", "2");
        var busy = limited.CreateClientWithTokenOf(factory.CreateToken(factory.CreateAccount(AccountRoles.Editor).Id));
        var other = limited.CreateClientWithTokenOf(factory.CreateToken(factory.CreateAccount(AccountRoles.Editor).Id));

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/countries/NO", Ct)).StatusCode);
        await (await busy.GetAsync("/api/v1/countries/NO", Ct)).ReadProblemAsync(HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/countries/NO", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_and_the_page_says_so()
    {
        await using var limited = With("RateLimiting:SignIn:PerAddressPerMinute", "2");
        var account = factory.CreateAccount(null, password: "correct horse battery staple");
        var browser = limited.CreateClient();
        var fields = new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = "a wrong guess" };

        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/account/signin", new(fields))).StatusCode);
        var refused = await browser.PostFormAsync("/account/signin", new(fields));

        var page = await refused.ReadPageAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many attempts", page.QuerySelector("h1")!.TextContent);
        Assert.True(refused.Headers.Contains("Retry-After"));
        // Showing the form is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/signin", Ct)).StatusCode);
    }
}
