using System.Net;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Account;

/// <summary>Signing in with a password: the session cookie's flags, wrong passwords, lockout, forged form posts.</summary>
public sealed class SignInTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> TryAsync(HttpClient browser, string email, string password) =>
        browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task A_right_password_opens_a_session_whose_cookie_scripts_cannot_read_and_other_sites_cannot_post_with()
    {
        var account = factory.CreateAccount(AccountRoles.Editor, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        var response = await TryAsync(browser, account.Email, Password);

        Assert.Equal("/account", response.RedirectTarget());
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("HealthAccord.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        var page = await browser.GetPageAsync("/account");
        Assert.Contains(account.Email, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Editor", page.QuerySelector(".rights-list")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true¿'\"(")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><foo>&xxe;</foo>")]
    public async Task A_remember_me_value_that_is_not_a_boolean_gets_the_form_back_with_a_message_and_no_session(string value)
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.PostFormAsync("/account/signin",
            new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password, ["Input.RememberMe"] = value });

        var page = await response.ReadPageAsync();
        Assert.Contains("Keep me signed in", page.QuerySelector(".form-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)page.QuerySelector("input[type=checkbox]")!).IsChecked);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            cookie => cookie.StartsWith("HealthAccord.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_plain_http_the_session_cookie_is_not_marked_secure_so_a_local_site_still_works()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await TryAsync(browser, account.Email, Password);

        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("HealthAccord.Session=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_address_gets_one_message_that_does_not_say_which()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var wrong = await (await TryAsync(browser, account.Email, "not the password")).ReadPageAsync();
        var unknown = await (await TryAsync(browser, TestAccounts.UniqueEmail(), Password)).ReadPageAsync();

        Assert.Equal("The email address or the password is not right.", wrong.Alert());
        Assert.Equal(wrong.Alert(), unknown.Alert());
    }

    [Fact]
    public async Task Missing_fields_are_named_next_to_each_field()
    {
        var page = await (await TryAsync(factory.CreateClient(), "not an address", "")).ReadPageAsync();

        Assert.Equal("Enter an email address such as name@example.org.", page.FieldError("Input.Email"));
        Assert.Equal("Enter your password.", page.FieldError("Input.Password"));
        Assert.Null(page.Alert());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_that_even_the_right_one_is_refused()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal("The email address or the password is not right.", (await (await TryAsync(browser, account.Email, "guess " + attempt)).ReadPageAsync()).Alert());
        var fifth = await (await TryAsync(browser, account.Email, "guess 5")).ReadPageAsync();
        var right = await (await TryAsync(browser, account.Email, Password)).ReadPageAsync();

        Assert.StartsWith("Too many wrong passwords: this account is locked for 15 minutes.", fifth.Alert(), StringComparison.Ordinal);
        Assert.StartsWith("Too many wrong passwords", right.Alert(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected_and_signs_nobody_in()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = Password });

        var response = await browser.PostAsync("/account/signin", forged, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("HealthAccord.Session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_signed_in_form_post_without_the_antiforgery_token_creates_no_api_token()
    {
        var account = factory.CreateAccount(AccountRoles.Editor, password: Password);
        var browser = await factory.SignInAsync(account);
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "forged", ["Input.LifetimeDays"] = "30" });

        var response = await browser.PostAsync("/account/tokens?handler=Create", forged, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await browser.GetPageAsync("/account/tokens");
        Assert.Equal("You have no tokens yet.", page.QuerySelector(".empty")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_ignored_after_signing_in()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await browser.PostFormAsync("/account/signin?returnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password, ["ReturnUrl"] = "https://evil.example/" });

        Assert.Equal("/account", response.RedirectTarget());
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = await factory.SignInAsync(account);

        var response = await browser.PostFormAsync("/account/signout", []);

        Assert.Equal("/", response.RedirectTarget());
        Assert.Equal("/account/signin?ReturnUrl=%2Faccount", (await browser.GetAsync("/account", Ct)).RedirectTarget());
    }

    [Fact]
    public async Task Pages_cached_for_readers_are_not_served_to_a_signed_in_person_nor_is_their_page_kept_for_readers()
    {
        var reader = factory.CreateClient();
        Assert.Equal("Sign in", (await reader.GetPageAsync("/partnerships")).QuerySelector(".account-nav a")!.TextContent);
        var browser = await factory.SignInAsync(factory.CreateAccount(null, password: Password));

        var signedIn = await browser.GetPageAsync("/partnerships");
        var again = await reader.GetPageAsync("/partnerships");

        Assert.Equal("Your account", signedIn.QuerySelector(".account-nav a")!.TextContent);
        Assert.NotNull(signedIn.QuerySelector(".account-nav button"));
        Assert.Equal("Sign in", again.QuerySelector(".account-nav a")!.TextContent);
    }
}
