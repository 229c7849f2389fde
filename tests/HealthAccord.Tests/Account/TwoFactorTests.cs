using HealthAccord.Tests.Infrastructure;
using OtpNet;

namespace HealthAccord.Tests.Account;

/// <summary>
/// The authenticator second step, with codes computed by an independent TOTP implementation (Otp.NET) from the key
/// the page shows, as a phone app would.
/// </summary>
public sealed class TwoFactorTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string CodeFor(string sharedKey) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    /// <summary>Turns the second step on through the page and returns the key and the recovery codes it showed.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(HttpClient browser)
    {
        var setup = await browser.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector(".shared-key")!.TextContent;
        Assert.NotNull(setup.QuerySelector(".qr-code svg"));
        var enabled = await (await browser.PostFormAsync("/account/two-factor", new() { ["Code"] = CodeFor(key) }, "/account/two-factor?handler=Enable"))
            .ReadPageAsync();
        var codes = enabled.QuerySelectorAll(".code-list code").Select(c => c.TextContent).ToList();
        Assert.Contains("is on", enabled.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        return (key, codes);
    }

    [Fact]
    public async Task After_turning_it_on_a_password_alone_no_longer_signs_in_and_the_app_code_does()
    {
        var account = factory.CreateAccount(null, password: Password);
        var (key, recoveryCodes) = await EnableAsync(await factory.SignInAsync(account));
        Assert.Equal(10, recoveryCodes.Count);

        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        var password = await browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password });
        Assert.StartsWith("/account/signin/code", password.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal("/account/signin?ReturnUrl=%2Faccount", (await browser.GetAsync("/account", Ct)).RedirectTarget());

        var wrong = await (await browser.PostFormAsync("/account/signin/code", new() { ["Code"] = "000000" == CodeFor(key) ? "111111" : "000000" }))
            .ReadPageAsync();
        Assert.StartsWith("That code is not right", wrong.FieldError("Code"), StringComparison.Ordinal);

        var right = await browser.PostFormAsync("/account/signin/code", new() { ["Code"] = CodeFor(key) });
        Assert.Equal("/account", right.RedirectTarget());
        Assert.Contains(account.Email, (await browser.GetPageAsync("/account")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var account = factory.CreateAccount(null, password: Password);
        var (_, recoveryCodes) = await EnableAsync(await factory.SignInAsync(account));

        async Task<HttpResponseMessage> RecoverAsync(string code)
        {
            var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
            await browser.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password });
            return await browser.PostFormAsync("/account/signin/code", new() { ["RecoveryCode"] = code }, "/account/signin/code?handler=Recovery");
        }

        Assert.Equal("/account", (await RecoverAsync(recoveryCodes[0])).RedirectTarget());
        var reused = await (await RecoverAsync(recoveryCodes[0])).ReadPageAsync();
        Assert.Equal("That recovery code is not right, or it was used before.", reused.FieldError("RecoveryCode"));
    }

    [Fact]
    public async Task A_wrong_code_while_setting_up_leaves_the_second_step_off()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = await factory.SignInAsync(account);
        await browser.GetPageAsync("/account/two-factor");

        var page = await (await browser.PostFormAsync("/account/two-factor", new() { ["Code"] = "12345" }, "/account/two-factor?handler=Enable")).ReadPageAsync();

        Assert.Equal("Enter the six digits your authenticator app shows.", page.FieldError("Code"));
        var fresh = factory.CreateClient(new() { AllowAutoRedirect = false });
        var signIn = await fresh.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password });
        Assert.Equal("/account", signIn.RedirectTarget());
    }
}
