using System.Net;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthAccord.Tests.Account;

/// <summary>A forgotten password, end to end: the form, the email on a real SMTP server, the link, the new password.</summary>
public sealed class PasswordResetTests(MailingFactory factory) : IClassFixture<MailingFactory>
{
    [Fact]
    public async Task The_emailed_link_sets_a_new_password_once_and_the_old_one_stops_working()
    {
        var account = factory.CreateAccount(null, password: "the old password is long");
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });

        var asked = await (await browser.PostFormAsync("/account/forgot-password", new() { ["Email"] = account.Email })).ReadPageAsync();
        Assert.Contains($"If an account uses {account.Email}", asked.Notice(), StringComparison.Ordinal);

        var mail = await factory.WaitForMailToAsync(account.Email);
        Assert.Equal("Reset your HealthAccord password", mail.Subject);
        var link = MailingFactory.LinkIn(mail);
        Assert.StartsWith("/account/set-password?", link, StringComparison.Ordinal);

        var set = await browser.PostFormAsync(link, new() { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });
        Assert.Equal("/account/signin", set.RedirectTarget());

        await factory.SignInAsync(account with { Password = "a brand new passphrase" });
        var old = await (await factory.CreateClient().PostFormAsync("/account/signin", new()
        {
            ["Input.Email"] = account.Email,
            ["Input.Password"] = "the old password is long",
        })).ReadPageAsync();
        Assert.Equal("The email address or the password is not right.", old.Alert());

        var again = await (await browser.PostFormAsync(link, new() { ["Password"] = "yet another passphrase", ["ConfirmPassword"] = "yet another passphrase" }))
            .ReadPageAsync();
        Assert.Contains("no longer valid", again.Alert(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_or_mistyped_new_password_is_explained_next_to_its_field_and_the_link_still_works()
    {
        var account = factory.CreateAccount(null, password: "the old password is long");
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        await browser.PostFormAsync("/account/forgot-password", new() { ["Email"] = account.Email });
        var link = MailingFactory.LinkIn(await factory.WaitForMailToAsync(account.Email));

        var shortOne = await (await browser.PostFormAsync(link, new() { ["Password"] = "short", ["ConfirmPassword"] = "short" })).ReadPageAsync();
        Assert.Contains("at least 12 characters", shortOne.FieldError("Password"), StringComparison.Ordinal);

        var mismatch = await (await browser.PostFormAsync(link, new() { ["Password"] = "a long enough passphrase", ["ConfirmPassword"] = "a different passphrase" }))
            .ReadPageAsync();
        Assert.Equal("The two passwords are not the same.", mismatch.FieldError("ConfirmPassword"));

        var done = await browser.PostFormAsync(link, new() { ["Password"] = "a long enough passphrase", ["ConfirmPassword"] = "a long enough passphrase" });
        Assert.Equal("/account/signin", done.RedirectTarget());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_mail()
    {
        var known = factory.CreateAccount(null, password: "the old password is long");
        var unknown = TestAccounts.UniqueEmail();

        var page = await (await factory.CreateClient().PostFormAsync("/account/forgot-password", new() { ["Email"] = unknown })).ReadPageAsync();
        Assert.Contains($"If an account uses {unknown}", page.Notice(), StringComparison.Ordinal);

        // Mail for another request arrives; none for the unknown address was sent before it.
        await factory.CreateClient().PostFormAsync("/account/forgot-password", new() { ["Email"] = known.Email });
        await factory.WaitForMailToAsync(known.Email);
        await Assert.ThrowsAsync<TimeoutException>(() => factory.WaitForMailToAsync(unknown));
    }

    [Fact]
    public async Task The_one_time_code_appears_in_no_log_line_even_at_debug_level()
    {
        var logs = new LogCapture();
        await using var verbose = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Logging:LogLevel:Default", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft", "Debug");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        var account = factory.CreateAccount(null, password: "the old password is long");
        var browser = verbose.CreateClient(new() { AllowAutoRedirect = false });

        await browser.PostFormAsync("/account/forgot-password", new() { ["Email"] = account.Email });
        var link = MailingFactory.LinkIn(await factory.WaitForMailToAsync(account.Email));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + link).Query)["code"]!;
        await browser.GetAsync(link, TestContext.Current.CancellationToken);
        var done = await browser.PostFormAsync(link, new() { ["Password"] = "a brand new passphrase", ["ConfirmPassword"] = "a brand new passphrase" });
        Assert.Equal("/account/signin", done.RedirectTarget());

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, line => line.Contains("password reset email", StringComparison.Ordinal));
        Assert.DoesNotContain(code, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(code[..24], logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("a brand new passphrase", logs.All, StringComparison.Ordinal);
    }
}
