using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Users;

/// <summary>
/// `users add-admin` in a process of its own against the running site's database. The printed link works on the
/// site, which proves the two share the data-protection keys kept in the database.
/// </summary>
public sealed class AddAdminCommandTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    /// <summary>The site's database, started (so migrated) before the command opens it.</summary>
    private string Database
    {
        get
        {
            return $"--ConnectionStrings:HealthAccord=Data Source={factory.DatabasePath}";
        }
    }

    [Fact]
    public async Task The_printed_link_lets_the_new_administrator_choose_a_password_on_the_site()
    {
        var email = TestAccounts.UniqueEmail();

        var (exitCode, output, errors) = await CliProcess.RunAsync(null, "users", "add-admin", "--email", email, Database, "--Site:PublicUrl=https://registry.example.org");

        Assert.True(exitCode == 0, $"add-admin exited with {exitCode}: {errors}");
        var link = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://registry.example.org/account/set-password?", StringComparison.Ordinal));
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        var set = await browser.PostFormAsync(new Uri(link).PathAndQuery, new() { ["Password"] = "the first administrator", ["ConfirmPassword"] = "the first administrator" });
        Assert.Equal("/account/signin", set.RedirectTarget());
        var admin = await factory.SignInAsync(new TestAccount("", email, "the first administrator"));
        Assert.Contains(email, (await admin.GetPageAsync("/admin/users")).QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_from_standard_input_is_set_directly_and_an_existing_account_is_promoted_and_unlocked()
    {
        var existing = factory.CreateAccount(AccountRoles.Editor, password: "the editor's old password");
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++) await browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = existing.Email, ["Input.Password"] = "guess " + i });

        var (exitCode, output, errors) = await CliProcess.RunAsync("a password from stdin\n", "users", "add-admin", "--email", existing.Email, "--password-stdin", Database);

        Assert.True(exitCode == 0, $"add-admin exited with {exitCode}: {errors}");
        Assert.Contains("is an administrator and its password is set", output, StringComparison.Ordinal);
        var admin = await factory.SignInAsync(existing with { Password = "a password from stdin" });
        var rights = (await admin.GetPageAsync("/account")).QuerySelector(".rights-list")!.TextContent;
        Assert.Contains("Administrator", rights, StringComparison.Ordinal);
        Assert.Contains("Editor", rights, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_password_or_a_bad_address_is_refused_with_the_reason()
    {

        var (weakExit, _, weakErrors) = await CliProcess.RunAsync("short\n", "users", "add-admin", "--email", TestAccounts.UniqueEmail(), "--password-stdin", Database);
        var (addressExit, _, addressErrors) = await CliProcess.RunAsync(null, "users", "add-admin", "--email", "not-an-address", Database);

        Assert.Equal(1, weakExit);
        Assert.Contains("at least 12 characters", weakErrors, StringComparison.Ordinal);
        Assert.Equal(1, addressExit);
        Assert.Contains("'not-an-address' is not an email address", addressErrors, StringComparison.Ordinal);
    }
}
