using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Grants;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Script written into every text field that can be written — through the API as an administrator, through the
/// import's storage for grants, and through the site's own forms — then every page that shows it opened in Chromium
/// with the Content-Security-Policy switched off, so that only output encoding stands between the text and the page:
/// no script may run, no dialog open, and the text must read literally; the JSON-LD blocks must carry it as data.
/// </summary>
public sealed class XssBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override bool BypassContentSecurityPolicy => true;

    /// <summary>
    /// Every classic way out of an HTML text node, an attribute value and a script data block, each of which would set
    /// the canary if it ever ran: a script element, event-handler attributes on an image and an SVG, quotes that close
    /// an attribute, an early end of the JSON-LD script element, and a javascript: address.
    /// </summary>
    private static string Payload(string tag) =>
        $"{tag} <script>__xss='s'</script><img src=x onerror=__xss='i'><svg onload=__xss='v'>\"'><a href=\"javascript:__xss='a'\">x</a></script><script>__xss='l'</script>";

    /// <summary>For fields of at most 100 characters.</summary>
    private static string MediumPayload(string tag) => $"{tag} <script>__xss='s'</script><svg onload=__xss='v'>\"'";

    /// <summary>For fields of at most 40 characters.</summary>
    private const string ShortPayload = "<svg onload=__xss='v'>\"'";

    private static JsonArray Sources(string tag) => new(new JsonObject { ["url"] = "https://example.org/xss", ["title"] = Payload(tag + "-source") });

    private sealed record Written(string Tag, string Slug, int PartnershipId, int OrganisationId, int AgreementId, long GrantId, long RenameChange, string FunderName);

    /// <summary>A partnership, organisation, seat, agreement, goal, measurement and grant, each text field a payload.</summary>
    private async Task<Written> WriteEverythingAsync()
    {
        var tag = "Xss" + Guid.NewGuid().ToString("N")[..10];
        var account = Browser.App.CreateAccount(AccountRoles.Administrator);
        using var writer = new HttpClient { BaseAddress = Browser.BaseAddress };
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Browser.App.CreateToken(account.Id));

        var slug = PartnershipData.UniqueSlug();
        var partnership = new JsonObject
        {
            ["slug"] = slug,
            ["acronym"] = ShortPayload,
            ["name"] = Payload(tag + "-name"),
            ["kind"] = "researchConsortium",
            ["summary"] = Payload(tag + "-summary"),
            ["mission"] = Payload(tag + "-mission"),
            ["secretariat"] = Payload(tag + "-secretariat"),
            ["euRoleNote"] = Payload(tag + "-euRoleNote"),
            ["foundedYear"] = 2015,
            ["website"] = "https://example.org/xss",
            ["themes"] = new JsonArray("<svg onload=__xss='t'>", "quality"),
            ["euRole"] = "observer",
            ["sources"] = Sources(tag),
        };
        var partnershipId = (int)(await PartnershipData.CreateAsync(writer, partnership))["id"]!;

        var organisationInput = OrganisationData.ValidInput(Payload(tag + "-organisation"));
        organisationInput["acronym"] = ShortPayload;
        organisationInput["sources"] = Sources(tag);
        var organisationId = (int)(await OrganisationData.CreateAsync(writer, organisationInput))["id"]!;

        await writer.CreateAsync("/api/v1/memberships", new JsonObject
        {
            ["partnership"] = slug,
            ["organisationId"] = organisationId,
            ["role"] = "member",
            ["note"] = Payload(tag + "-seat"),
            ["joined"] = "2016",
            ["sources"] = Sources(tag),
        });
        var agreementId = (int)(await writer.CreateAsync("/api/v1/agreements", new JsonObject
        {
            ["title"] = Payload(tag + "-agreement"),
            ["kind"] = "memorandumOfUnderstanding",
            ["status"] = "inForce",
            ["statusNote"] = Payload(tag + "-statusNote"),
            ["signed"] = "2019-05-14",
            ["renewalNote"] = Payload(tag + "-renewal"),
            ["scope"] = Payload(tag + "-scope"),
            ["parties"] = new JsonArray(new JsonObject { ["organisationId"] = organisationId },
                new JsonObject { ["name"] = Payload(tag + "-party"), ["countryCode"] = "NO" }),
            ["documents"] = new JsonArray(new JsonObject { ["title"] = Payload(tag + "-document"), ["url"] = "https://example.org/mou.pdf", ["language"] = "fr" }),
            ["partnerships"] = new JsonArray(slug),
            ["sources"] = Sources(tag),
        }))["id"]!;
        var goalId = (int)(await writer.CreateAsync("/api/v1/goals", new JsonObject
        {
            ["partnership"] = slug,
            ["isHeadline"] = true,
            ["statement"] = Payload(tag + "-statement"),
            ["indicator"] = Payload(tag + "-indicator"),
            ["unit"] = ShortPayload,
            ["direction"] = "atLeast",
            ["target"] = 10,
            ["targetNote"] = Payload(tag + "-targetNote"),
            ["baseline"] = 1,
            ["baselineNote"] = Payload(tag + "-baselineNote"),
            ["deadline"] = "2030",
            ["deadlineNote"] = Payload(tag + "-deadlineNote"),
            ["sources"] = Sources(tag),
        }))["id"]!;
        await (await writer.PostJsonAsync($"/api/v1/goals/{goalId}/measurements", new JsonObject
        {
            ["measuredOn"] = "2026-06",
            ["periodLabel"] = ShortPayload,
            ["valueText"] = Payload(tag + "-valueText"),
            ["sourceUrl"] = "https://example.org/report",
            ["note"] = Payload(tag + "-measurementNote"),
        })).AssertStatusAsync(HttpStatusCode.Created);

        // A rename, so the history shows a payload on both sides of "old → new".
        var (_, etag) = await PartnershipData.GetAsync(writer, slug);
        partnership["name"] = Payload(tag + "-renamed");
        await (await PartnershipData.PutAsync(writer, slug, partnership, etag)).AssertStatusAsync(HttpStatusCode.OK);
        var rename = await HistoryData.LatestChangeIdAsync(writer, "partnership", partnershipId);

        var funder = Payload(tag + "-funder");
        long grantId;
        using (var scope = Browser.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            grantId = (await new GrantBuilder($"XSS-{tag}", Payload(tag + "-grant"))
                .Description(Payload(tag + "-description"))
                .Funder(funder, "GB").Recipient(Payload(tag + "-recipient"), "KE")
                .Amount(100_000m, "EUR", 100_000m).Planned(new DateOnly(2025, 1, 1), new DateOnly(2027, 12, 31))
                .SaveAsync(db, Ct)).Id;
        }
        await Browser.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync([grantId], Ct);
        return new Written(tag, slug, partnershipId, organisationId, agreementId, grantId, rename, funder);
    }

    private readonly List<string> _dialogs = [];

    /// <summary>Opens a page and checks that no payload ran and that the given payloads read literally in its text.</summary>
    private async Task AssertInertAsync(string path, params string[] literal)
    {
        await OpenAsync(path);
        await Page.WaitForLoadStateAsync(LoadState.Load);
        // By the load event the broken image has failed and fired its onerror, if escaping ever let it through.
        Assert.Null(await Page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(_dialogs);
        // Elements the payloads would have made, including the javascript: link that would run only when clicked.
        Assert.Equal(0, await Page.Locator("body script:not([type='application/ld+json']), body img[src='x'], body svg[onload], body [onerror], body a[href^='javascript']").CountAsync());
        var text = await Page.Locator("body").InnerTextAsync();
        foreach (var expected in literal) Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    /// <summary>The page's structured data parses as JSON and holds the payload as text.</summary>
    private async Task AssertStructuredDataHoldsAsync(string payload)
    {
        var blocks = await Page.Locator("script[type='application/ld+json']").AllTextContentsAsync();
        Assert.NotEmpty(blocks);
        Assert.Contains(blocks, block => Strings(JsonNode.Parse(block)).Any(text => text.Contains(payload, StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    [Fact]
    public async Task Script_in_every_registry_and_grant_field_stays_text_on_every_page_that_shows_it()
    {
        Page.Dialog += (_, dialog) => { _dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var w = await WriteEverythingAsync();
        string P(string field) => Payload($"{w.Tag}-{field}");

        await AssertInertAsync($"/partnerships/{w.Slug}", P("renamed"), P("summary"), P("mission"), P("secretariat"), P("euRoleNote"),
            P("statement"), P("indicator"), P("valueText"), P("organisation"), P("seat"), P("agreement"), P("source"), ShortPayload);
        await AssertStructuredDataHoldsAsync(P("renamed"));
        await AssertInertAsync($"/partnerships?q={w.Tag}", P("renamed"));
        // Search words are written back into the search box's value attribute.
        await AssertInertAsync($"/partnerships?q={Uri.EscapeDataString(P("renamed"))}");
        await Expect(Page.Locator("input[name='q']").First).ToHaveValueAsync(P("renamed"));
        await AssertInertAsync("/", "International health research partnerships");
        await AssertInertAsync($"/organisations/{w.OrganisationId}", P("organisation"), P("seat"), P("agreement"));
        await AssertStructuredDataHoldsAsync(P("organisation"));
        await AssertInertAsync($"/organisations?q={w.Tag}", P("organisation"));
        await AssertInertAsync($"/agreements/{w.AgreementId}", P("agreement"), P("statusNote"), P("renewal"), P("scope"), P("party"), P("document"));
        await AssertStructuredDataHoldsAsync(P("agreement"));
        await AssertInertAsync($"/agreements?q={w.Tag}", P("agreement"));
        await AssertInertAsync("/countries/no", P("organisation"));
        await AssertInertAsync($"/grants?q={w.Tag}", P("grant"), P("funder"));
        await AssertInertAsync($"/grants?q={Uri.EscapeDataString(P("query"))}");
        await Expect(Page.Locator("#q")).ToHaveValueAsync(P("query"));
        await AssertInertAsync($"/grants/{w.GrantId}", P("grant"), P("description"), P("funder"), P("recipient"));
        await AssertStructuredDataHoldsAsync(P("grant"));

        await EditorSession.SignInAsync(Browser, Page);
        await AssertInertAsync($"/history/changes/{w.RenameChange}", P("name"), P("renamed"));
        // The audit log names a partnership by its acronym.
        await AssertInertAsync($"/history?recordType=partnership&recordId={w.PartnershipId}", ShortPayload);
    }

    [Fact]
    public async Task Script_in_the_site_forms_token_name_and_invited_name_stays_text()
    {
        Page.Dialog += (_, dialog) => { _dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var tag = "Xss" + Guid.NewGuid().ToString("N")[..10];
        await EditorSession.SignInAsync(Browser, Page);

        await OpenAsync("/account/tokens");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(MediumPayload(tag + "-token"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync(MediumPayload(tag + "-token"));
        await AssertInertAsync("/account/tokens", MediumPayload(tag + "-token"));

        await OpenAsync("/admin/users/invite");
        await Page.GetByLabel("Email address").FillAsync(TestAccounts.UniqueEmail());
        await Page.GetByLabel("Name (optional)").FillAsync(Payload(tag + "-person"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create the account and send the invitation" }).ClickAsync();
        await Expect(Page.Locator("main")).ToContainTextAsync(Payload(tag + "-person"));
        var details = new Uri(Page.Url).AbsolutePath;
        await AssertInertAsync(details, Payload(tag + "-person"));
        await AssertInertAsync("/admin/users", Payload(tag + "-person"));
    }

    [Fact]
    public async Task A_javascript_address_is_refused_where_the_api_takes_a_link()
    {
        var account = Browser.App.CreateAccount(AccountRoles.Administrator);
        using var writer = new HttpClient { BaseAddress = Browser.BaseAddress };
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Browser.App.CreateToken(account.Id));
        var input = OrganisationData.ValidInput(OrganisationData.UniqueName());
        input["website"] = "javascript:alert(document.cookie)";
        input["sources"] = new JsonArray(new JsonObject { ["url"] = "JavaScript:alert(1)", ["title"] = "x" });

        var response = await writer.PostJsonAsync("/api/v1/organisations", input);

        var problem = await response.ReadJsonObjectAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["website"]);
        Assert.NotNull(problem["errors"]!["sources[0].url"]);
    }
}
