using System.Net;
using System.Net.Http.Headers;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.ApiTokens;

/// <summary>API tokens from the account page: shown once, kept only as a digest, refused once revoked or expired.</summary>
public sealed class ApiTokenTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_stored_as_a_digest_and_writes_with_its_owners_rights()
    {
        var account = factory.CreateAccount(AccountRoles.Administrator, password: Password);
        var browser = await factory.SignInAsync(account);

        var created = await browser.PostFormAsync("/account/tokens", new() { ["Input.Name"] = "nightly import", ["Input.LifetimeDays"] = "30" },
            "/account/tokens?handler=Create");
        Assert.True(created.Headers.CacheControl?.NoStore);
        var text = (await created.ReadPageAsync()).GetElementById("new-token")!.TextContent;
        Assert.StartsWith("hat_", text, StringComparison.Ordinal);

        var later = await browser.GetPageAsync("/account/tokens");
        Assert.DoesNotContain(text, later.Source.Text, StringComparison.Ordinal);
        var row = later.QuerySelector("tbody tr")!;
        Assert.Equal("nightly import", row.QuerySelector("th")!.TextContent);
        Assert.Equal("Active", row.QuerySelector("[data-label=Status]")!.TextContent);
        Assert.Equal("2026-12-28 12:00 UTC", row.QuerySelector("[data-label=Expires]")!.TextContent);
        using (var scope = factory.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().ApiTokens.SingleAsync(t => t.UserId == account.Id, Ct);
            Assert.NotEqual(text, stored.Hash);
            Assert.Equal(64, stored.Hash.Length);
            Assert.Equal(text[..12], stored.Prefix);
        }

        var organisation = await OrganisationData.CreateAsync(factory.CreateClientWithToken(text));
        Assert.Equal("TORG", (string?)organisation["acronym"]);
        Assert.NotEqual("never", (await browser.GetPageAsync("/account/tokens")).QuerySelector("tbody tr [data-label='Last used']")!.TextContent);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_from_the_next_request_on()
    {
        var account = factory.CreateAccount(AccountRoles.Administrator, password: Password);
        var browser = await factory.SignInAsync(account);
        var text = factory.CreateToken(account.Id);
        var api = factory.CreateClientWithToken(text);
        await OrganisationData.CreateAsync(api);
        var id = (await browser.GetPageAsync("/account/tokens")).QuerySelector("tbody form")!.GetAttribute("action")!;

        var revoked = await browser.PostFormAsync("/account/tokens", [], id);
        Assert.StartsWith("The token 'test token' is revoked", (await browser.GetPageAsync(revoked.RedirectTarget())).Notice(), StringComparison.Ordinal);

        var response = await api.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName()));
        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The API token was revoked.", (string?)problem["detail"]);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Nobody_revokes_another_accounts_token()
    {
        var owner = factory.CreateAccount(AccountRoles.Administrator);
        var text = factory.CreateToken(owner.Id);
        int tokenId;
        using (var scope = factory.Services.CreateScope())
            tokenId = await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().ApiTokens.Where(t => t.UserId == owner.Id).Select(t => t.Id).SingleAsync(Ct);
        var stranger = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));

        await stranger.PostFormAsync("/account/tokens", [], $"/account/tokens?handler=Revoke&id={tokenId}");

        await OrganisationData.CreateAsync(factory.CreateClientWithToken(text));
    }

    [Fact]
    public async Task Expired_unknown_and_missing_tokens_each_get_a_401_that_says_which()
    {
        var account = factory.CreateAccount(AccountRoles.Administrator);
        var expired = factory.CreateToken(account.Id, expiresAt: factory.Clock.GetUtcNow().UtcDateTime);
        var input = OrganisationData.ValidInput(OrganisationData.UniqueName());

        async Task<string?> DetailAsync(HttpClient client) =>
            (string?)(await (await client.PostJsonAsync("/api/v1/organisations", input)).ReadProblemAsync(HttpStatusCode.Unauthorized))["detail"];

        Assert.Equal("The API token has expired.", await DetailAsync(factory.CreateClientWithToken(expired)));
        Assert.Equal("The API token is not known.", await DetailAsync(factory.CreateClientWithToken("hat_" + new string('x', 43))));
        var missing = await (await factory.CreateClient().PostJsonAsync("/api/v1/organisations", input)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("API token required", (string?)missing["title"]);
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(factory.CreateClient(), (string)input["name"]!));
    }

    [Fact]
    public async Task A_signed_in_cookie_does_not_authorize_api_writes()
    {
        var browser = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));

        var response = await browser.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName()));

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_without_a_role_gets_403_with_a_reason()
    {
        var api = factory.CreateClientWithToken(factory.CreateToken(factory.CreateAccount(null).Id));

        var problem = await (await api.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName())))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Not allowed for your account", (string?)problem["title"]);
    }

    [Fact]
    public async Task Reads_need_no_token_and_ignore_a_bad_one()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/partnerships/glopid-r", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_api_description_names_the_bearer_scheme_on_writes_and_not_on_reads()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;

        var scheme = document["components"]!["securitySchemes"]!["apiToken"]!;
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        var partnerships = document["paths"]!["/api/v1/partnerships"]!;
        Assert.Equal("apiToken", partnerships["post"]!["security"]![0]!.AsObject().Single().Key);
        Assert.Null(partnerships["get"]!["security"]);
        Assert.NotNull(partnerships["get"]!["responses"]!["429"]);
    }
}
