using System.Net;
using System.Net.Http.Headers;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace HealthAccord.Tests.Security;

/// <summary>
/// With every category logging at Debug, a failed and a successful sign-in, creating an API token on the tokens page
/// and using it for a read and a write leave no password, token, cookie or antiforgery value in the log output.
/// </summary>
public sealed class SecretsInLogsTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "a passphrase nobody should ever read in a log";
    private const string WrongPassword = "a wrong guess that must not be logged either";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sign_in_token_creation_and_token_use_log_no_secret()
    {
        var logs = new LogCapture();
        await using var verbose = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        var account = factory.CreateAccount(HealthAccord.Data.Accounts.AccountRoles.Administrator, password: Password);
        var browser = verbose.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var refused = await browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = WrongPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var signedIn = await browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0].Split('=', 2)[1]).Where(v => v.Length > 0).ToList();
        Assert.NotEmpty(cookies);

        var tokenPage = await (await browser.PostFormAsync("/account/tokens",
            new() { ["Input.Name"] = "log check", ["Input.LifetimeDays"] = "30" }, "/account/tokens?handler=Create")).ReadPageAsync();
        var token = tokenPage.QuerySelector("#new-token")!.TextContent.Trim();
        Assert.True(token.Length > 20, token);

        var api = verbose.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await api.GetAsync("/api/v1/partnerships/glopid-r", Ct)).AssertStatusAsync(HttpStatusCode.OK);
        await api.CreateAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName()));
        var forged = verbose.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.PostAsync("/api/v1/organisations", null, Ct)).StatusCode);

        // The run did log (requests, sign-in, the token's use), so an empty capture cannot pass for a clean one.
        Assert.Contains(logs.Lines, line => line.Contains("signed in", StringComparison.OrdinalIgnoreCase) || line.Contains("SignIn", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("/api/v1/organisations", StringComparison.Ordinal));
        var all = logs.All;
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(token, all, StringComparison.Ordinal);
        // The secret part alone, too: the first characters are a public prefix the tokens page shows.
        Assert.DoesNotContain(token[^20..], all, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..^4] + "AAAA", all, StringComparison.Ordinal);
        foreach (var cookie in cookies) Assert.DoesNotContain(cookie[..Math.Min(cookie.Length, 40)], all, StringComparison.Ordinal);
    }
}
