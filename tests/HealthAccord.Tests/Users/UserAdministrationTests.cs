using System.Net;
using System.Net.Http.Json;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Users;

/// <summary>The /admin/users pages: who may open them, and what changing roles or locking an account does at once.</summary>
public sealed class UserAdministrationTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int OrganisationOf(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var organisation = new HealthAccord.Data.Registry.Organisation { Name = name };
        db.Organisations.Add(organisation);
        db.SaveChanges();
        return organisation.Id;
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_non_administrators_are_refused_every_admin_page_and_action()
    {
        var target = factory.CreateAccount(AccountRoles.Editor);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, password: Password));

        foreach (var page in new[] { "/admin/users", "/admin/users/invite", $"/admin/users/{target.Id}" })
        {
            Assert.StartsWith("/account/signin?ReturnUrl=", (await anonymous.GetAsync(page, Ct)).RedirectTarget(), StringComparison.Ordinal);
            Assert.StartsWith("/account/denied", (await editor.GetAsync(page, Ct)).RedirectTarget(), StringComparison.Ordinal);
        }
        // The editor's own antiforgery token is valid; only the role is missing.
        var token = await editor.GetPageAsync("/account/tokens");
        var field = token.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var handler in new[] { "", "?handler=Lock", "?handler=Unlock", "?handler=Invite" })
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = field, ["Access.Roles"] = AccountRoles.Administrator });
            var response = await editor.PostAsync($"/admin/users/{target.Id}{handler}", form, Ct);
            Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
        }
        var denied = await editor.GetPageAsync("/account/denied", HttpStatusCode.Forbidden);
        Assert.Equal("Your account may not use that page", denied.QuerySelector("h1")!.TextContent);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        Assert.Null(db.Users.Single(u => u.Id == target.Id).LockoutEnd);
        Assert.DoesNotContain(db.UserRoles.Where(r => r.UserId == target.Id).Select(r => r.RoleId).ToList(), id => id == "role-administrator");
    }

    [Fact]
    public async Task A_role_given_on_the_user_page_applies_to_the_accounts_next_api_call()
    {
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var person = factory.CreateAccount(null);
        var api = factory.CreateClientWithToken(factory.CreateToken(person.Id));
        var organisation = OrganisationOf(OrganisationData.UniqueName());
        var change = OrganisationData.ValidInput(OrganisationData.UniqueName());
        async Task<HttpStatusCode> PutAsync() => (await api.PutJsonAsync($"/api/v1/organisations/{organisation}", change, "*")).StatusCode;

        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync());
        var saved = await admin.PostFormAsync($"/admin/users/{person.Id}", new()
        {
            ["Access.Roles"] = AccountRoles.FunderRepresentative,
            ["Access.Organisation"] = $"{organisation}",
        });
        Assert.Equal($"/admin/users/{person.Id}", saved.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, await PutAsync());

        await admin.PostFormAsync($"/admin/users/{person.Id}", new() { ["Access.Organisation"] = $"{organisation}" });
        Assert.Equal(HttpStatusCode.Forbidden, await PutAsync());
    }

    [Fact]
    public async Task Locking_stops_sign_in_and_the_accounts_tokens_and_unlocking_restores_both()
    {
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var person = factory.CreateAccount(AccountRoles.Administrator, password: Password);
        var api = factory.CreateClientWithToken(factory.CreateToken(person.Id));
        var input = OrganisationData.ValidInput(OrganisationData.UniqueName());

        await admin.PostFormAsync($"/admin/users/{person.Id}", [], $"/admin/users/{person.Id}?handler=Lock");

        var refused = await (await api.PostJsonAsync("/api/v1/organisations", input)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API token's account is locked.", (string?)refused["detail"]);
        var signIn = await (await factory.CreateClient().PostFormAsync("/account/signin", new() { ["Input.Email"] = person.Email, ["Input.Password"] = Password }))
            .ReadPageAsync();
        Assert.Equal("This account is locked. An administrator can unlock it.", signIn.Alert());
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(factory.CreateClient(), (string)input["name"]!));

        await admin.PostFormAsync($"/admin/users/{person.Id}", [], $"/admin/users/{person.Id}?handler=Unlock");

        await api.CreateAsync("/api/v1/organisations", input);
        await factory.SignInAsync(person);
    }

    [Fact]
    public async Task An_administrator_cannot_take_away_their_own_administrator_role_or_lock_themselves()
    {
        var self = factory.CreateAccount(AccountRoles.Administrator, password: Password);
        var admin = await factory.SignInAsync(self);

        var page = await (await admin.PostFormAsync($"/admin/users/{self.Id}", new() { ["Access.Roles"] = AccountRoles.Editor })).ReadPageAsync();
        Assert.Equal("You cannot take the administrator role from your own account; another administrator can.", page.FieldError("Access.Roles"));

        var locked = await admin.PostFormAsync($"/admin/users/{self.Id}", [], $"/admin/users/{self.Id}?handler=Lock");
        Assert.Equal("You cannot lock your own account.", (await admin.GetPageAsync(locked.RedirectTarget())).Notice());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_user_list_shows_each_accounts_roles_scope_and_state()
    {
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var organisationName = OrganisationData.UniqueName();
        var representative = factory.CreateAccount(AccountRoles.FunderRepresentative, organisation: OrganisationOf(organisationName));

        var list = await admin.GetPageAsync("/admin/users");

        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(representative.Email, StringComparison.Ordinal));
        Assert.Equal("Funder representative", row.QuerySelector("[data-label=Roles]")!.TextContent.Trim());
        Assert.Contains(organisationName, row.QuerySelector("[data-label=Scope]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Invited, no password yet", row.QuerySelector("[data-label=State]")!.TextContent.Trim());
    }
}
