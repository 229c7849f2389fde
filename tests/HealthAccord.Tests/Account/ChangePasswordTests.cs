using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Account;

/// <summary>Changing a known password while signed in, without email.</summary>
public sealed class ChangePasswordTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_new_password_works_the_old_one_does_not_and_this_session_stays_signed_in()
    {
        var account = factory.CreateAccount(null, password: Password);
        var browser = await factory.SignInAsync(account);

        var changed = await browser.PostFormAsync("/account/password", new()
        {
            ["Input.Current"] = Password,
            ["Input.New"] = "a completely new passphrase",
            ["Input.Confirm"] = "a completely new passphrase",
        });

        Assert.Equal("/account", changed.RedirectTarget());
        Assert.Equal("Your password is changed.", (await browser.GetPageAsync("/account")).Notice());
        await factory.SignInAsync(account with { Password = "a completely new passphrase" });
        var old = await (await factory.CreateClient().PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password }))
            .ReadPageAsync();
        Assert.Equal("The email address or the password is not right.", old.Alert());
    }

    [Fact]
    public async Task A_wrong_current_password_and_a_short_new_one_are_named_next_to_their_fields()
    {
        var browser = await factory.SignInAsync(factory.CreateAccount(null, password: Password));

        var wrong = await (await browser.PostFormAsync("/account/password", new()
        {
            ["Input.Current"] = "not it at all",
            ["Input.New"] = "a completely new passphrase",
            ["Input.Confirm"] = "a completely new passphrase",
        })).ReadPageAsync();
        var weak = await (await browser.PostFormAsync("/account/password", new()
        {
            ["Input.Current"] = Password,
            ["Input.New"] = "short",
            ["Input.Confirm"] = "short",
        })).ReadPageAsync();

        Assert.Equal("This is not your current password.", wrong.FieldError("Input.Current"));
        Assert.Contains("at least 12 characters", weak.FieldError("Input.New"), StringComparison.Ordinal);
    }
}
