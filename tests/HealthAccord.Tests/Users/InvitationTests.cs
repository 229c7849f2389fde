using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Users;

/// <summary>An administrator invites an editor by email; the editor sets a password from the link and has the rights ticked.</summary>
public sealed class InvitationTests(MailingFactory factory) : IClassFixture<MailingFactory>
{
    private const string Password = "correct horse battery staple";

    private int PartnershipId(string slug)
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Partnerships.Single(p => p.Slug == slug).Id;
    }

    [Fact]
    public async Task The_invited_editor_chooses_a_password_from_the_email_and_can_then_write_only_their_partnership()
    {
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var email = TestAccounts.UniqueEmail();
        var gacd = PartnershipId("gacd");

        var invited = await admin.PostFormAsync("/admin/users/invite", new()
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Ada Editor",
            ["Access.Roles"] = AccountRoles.Editor,
            ["Access.Partnerships"] = $"{gacd}",
        });
        var userPage = await admin.GetPageAsync(invited.RedirectTarget());
        Assert.StartsWith($"The invitation is on its way to {email}.", userPage.Notice(), StringComparison.Ordinal);
        Assert.Contains("Invited, no password yet", userPage.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);

        var mail = await factory.WaitForMailToAsync(email);
        Assert.Equal("Your HealthAccord account", mail.Subject);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        var form = await browser.GetPageAsync(MailingFactory.LinkIn(mail));
        Assert.Equal("Choose your password", form.QuerySelector("h1")!.TextContent);
        var set = await browser.PostFormAsync(MailingFactory.LinkIn(mail), new() { ["Password"] = Password, ["ConfirmPassword"] = Password });
        Assert.Equal("/account/signin", set.RedirectTarget());

        var editor = await factory.SignInAsync(new TestAccount("", email, Password));
        var account = await editor.GetPageAsync("/account");
        Assert.Contains("GACD", account.QuerySelector(".rights-list")!.TextContent, StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken);
            Assert.True(user.EmailConfirmed);
            Assert.Equal("Ada Editor", user.DisplayName);
        }
    }

    [Fact]
    public async Task Invalid_invitations_are_explained_next_to_their_fields_and_create_no_account()
    {
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var existing = factory.CreateAccount(null);

        var duplicate = await (await admin.PostFormAsync("/admin/users/invite", new() { ["Input.Email"] = existing.Email })).ReadPageAsync();
        Assert.Equal("An account with this email address already exists.", duplicate.FieldError("Input.Email"));

        var email = TestAccounts.UniqueEmail();
        var noOrganisation = await (await admin.PostFormAsync("/admin/users/invite", new()
        {
            ["Input.Email"] = email,
            ["Access.Roles"] = AccountRoles.FunderRepresentative,
        })).ReadPageAsync();
        Assert.Equal("Choose the organisation this funder representative answers for.", noOrganisation.FieldError("Access.Organisation"));

        var notAnAddress = await (await admin.PostFormAsync("/admin/users/invite", new() { ["Input.Email"] = "nobody" })).ReadPageAsync();
        Assert.Equal("Enter an email address such as name@example.org.", notAnAddress.FieldError("Input.Email"));

        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Users
            .AnyAsync(u => u.Email == email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Without_a_mail_server_the_account_is_made_but_the_page_says_the_link_could_not_be_sent()
    {
        await using var mailless = factory.WithWebHostBuilder(builder => builder.UseSetting("Email:Smtp:Host", ""));
        var admin = mailless.CreateClient(new() { AllowAutoRedirect = false });
        var adminAccount = factory.CreateAccount(AccountRoles.Administrator, password: Password);
        await admin.PostFormAsync("/account/signin", new() { ["Input.Email"] = adminAccount.Email, ["Input.Password"] = Password });
        var email = TestAccounts.UniqueEmail();

        var invited = await admin.PostFormAsync("/admin/users/invite", new() { ["Input.Email"] = email, ["Access.Roles"] = AccountRoles.Editor });
        var page = await admin.GetPageAsync(invited.RedirectTarget());

        Assert.Contains("the invitation link could not be sent: this site has no email server configured", page.Notice(), StringComparison.Ordinal);
        var forgot = await (await mailless.CreateClient().PostFormAsync("/account/forgot-password", new() { ["Email"] = email })).ReadPageAsync();
        Assert.StartsWith("The link could not be sent: this site has no email server configured.", forgot.Alert(), StringComparison.Ordinal);
    }
}
