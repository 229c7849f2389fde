using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.ApiTokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>An account a test made for itself; <see cref="Password"/> is set only when it was given one.</summary>
public sealed record TestAccount(string Id, string Email, string? Password);

/// <summary>
/// Accounts, API tokens and signed-in clients for tests, written straight into the app's database the way Identity
/// writes them (normalised names, a security stamp, Identity's password hash), so that a test sets up in
/// milliseconds what the admin pages would take several requests to do.
/// </summary>
public static partial class TestAccounts
{
    public static string UniqueEmail() => $"user-{Guid.NewGuid():N}@example.org";

    /// <summary>An account with the given role (or none) and scopes; with a password only when one is given.</summary>
    public static TestAccount CreateAccount(this HealthAccordFactory factory, string? role, IEnumerable<int>? partnerships = null,
        int? organisation = null, string? password = null, string? email = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var normalizer = scope.ServiceProvider.GetRequiredService<ILookupNormalizer>();
        email ??= UniqueEmail();
        var user = new HealthAccordUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            RepresentedOrganisationId = organisation,
        };
        if (password is not null) user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<HealthAccordUser>>().HashPassword(user, password);
        db.Users.Add(user);
        if (role is not null)
        {
            var roleId = db.Roles.Single(r => r.Name == role).Id;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        }
        foreach (var partnershipId in partnerships ?? []) db.EditorPartnerships.Add(new EditorPartnership { UserId = user.Id, PartnershipId = partnershipId });
        db.SaveChanges();
        return new TestAccount(user.Id, email, password);
    }

    /// <summary>An API token of the account, stored as the tokens page stores it; returns the token's text.</summary>
    public static string CreateToken(this HealthAccordFactory factory, string userId, DateTime? expiresAt = null, DateTime? revokedAt = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var text = ApiTokenSecret.NewText();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = userId,
            Name = "test token",
            Hash = ApiTokenSecret.Hash(text),
            Prefix = ApiTokenSecret.PrefixOf(text),
            CreatedAt = now.AddDays(-1),
            ExpiresAt = expiresAt ?? now.AddDays(30),
            RevokedAt = revokedAt,
        });
        db.SaveChanges();
        return text;
    }

    public static HttpClient CreateClientWithToken(this HealthAccordFactory factory, string token) => CreateClientWithTokenOf(factory, token);

    /// <summary>The same for a variant of the app made with WithWebHostBuilder (on the same database).</summary>
    public static HttpClient CreateClientWithTokenOf(this WebApplicationFactory<Program> app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client with the API token of a new account of this role and these scopes.</summary>
    public static HttpClient CreateClientAs(this HealthAccordFactory factory, string role, IEnumerable<int>? partnerships = null, int? organisation = null) =>
        factory.CreateClientWithToken(factory.CreateToken(factory.CreateAccount(role, partnerships, organisation).Id));

    /// <summary>A browser-like client (cookies, no automatic redirects) that has signed in through the sign-in form.</summary>
    public static async Task<HttpClient> SignInAsync(this HealthAccordFactory factory, TestAccount account)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/account/signin", new()
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = account.Password!,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return client;
    }

    /// <summary>
    /// Submits a form as a browser does: reads the page first for its antiforgery token (the client keeps the cookie
    /// that goes with it), then posts the fields to <paramref name="action"/> (the page itself unless given).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string page, Dictionary<string, string> fields, string? action = null)
    {
        var form = await client.GetAsync(page, TestContext.Current.CancellationToken);
        var html = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = AntiforgeryField().Match(html);
        Assert.True(token.Success, $"{page} ({(int)form.StatusCode}) has no antiforgery token.");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action ?? page, content, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
