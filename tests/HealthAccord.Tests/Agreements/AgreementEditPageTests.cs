using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Agreements;

/// <summary>Agreements through the forms: editors of a linked partnership, within the API's rules on links and deletion.</summary>
public sealed class AgreementEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject AgreementInput(string title, params string[] partnerships) => new()
    {
        ["title"] = title,
        ["kind"] = "memorandumOfUnderstanding",
        ["status"] = "inForce",
        ["signed"] = "2019-05-14",
        ["parties"] = new JsonArray(new JsonObject { ["countryCode"] = "EU" }, new JsonObject { ["name"] = "Government of Norway", ["countryCode"] = "NO" }),
        ["documents"] = new JsonArray(new JsonObject { ["title"] = "Signed text", ["url"] = "https://example.org/mou.pdf" }),
        ["partnerships"] = new JsonArray(partnerships.Select(p => (JsonNode)p).ToArray()),
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/mou", ["title"] = "Announcement" }),
    };

    private async Task<(string Slug, int Id)> NewPartnershipAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        var partnership = await PartnershipData.CreateAsync(_admin, PartnershipData.ValidInput(slug));
        return (slug, (int)partnership["id"]!);
    }

    private async Task<int> NewAgreementAsync(params string[] partnerships) =>
        (int)(await _admin.CreateAsync("/api/v1/agreements", AgreementInput("Memorandum of the page tests", partnerships)))["id"]!;

    private Task<HttpClient> EditorOfAsync(string? displayName, params int[] partnershipIds) =>
        factory.SignInAsync(factory.CreateAuthor(AccountRoles.Editor, displayName, partnershipIds).Account);

    private async Task<JsonObject> AgreementAsync(int id) => await _admin.GetJsonAsync($"/api/v1/agreements/{id}");

    private static IEnumerable<string> SlugsOf(JsonObject agreement) =>
        agreement["partnerships"]!.AsArray().Select(p => (string)p!["slug"]!).Order(StringComparer.Ordinal);

    [Fact]
    public async Task Only_editors_of_a_linked_partnership_get_the_form_and_the_links_and_deleting_needs_every_link()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var (otherSlug, otherId) = await NewPartnershipAsync();
        var own = await NewAgreementAsync(slug);
        var shared = await NewAgreementAsync(slug, otherSlug);
        var editor = await EditorOfAsync(null, partnershipId);
        var other = await EditorOfAsync(null, otherId);

        var record = await editor.GetPageAsync($"/agreements/{own}");
        var partnership = await editor.GetPageAsync($"/partnerships/{slug}");
        var list = await editor.GetPageAsync("/agreements");
        var form = await editor.GetPageAsync($"/agreements/{own}/edit");
        var sharedForm = await editor.GetPageAsync($"/agreements/{shared}/edit");

        Assert.NotNull(record.QuerySelector($"a[href='/agreements/{own}/edit']"));
        Assert.NotNull(partnership.QuerySelector($"a[href='/agreements/new?partnership={slug}']"));
        Assert.NotNull(list.QuerySelector("a[href='/agreements/new']"));
        Assert.Equal("Memorandum of the page tests", ((IHtmlInputElement)form.GetElementById("Form_Title")!).Value);
        Assert.Equal("MemorandumOfUnderstanding", ((IHtmlSelectElement)form.GetElementById("Form_Kind")!).Value);
        Assert.Equal("NO", ((IHtmlInputElement)form.GetElementById("Form_Parties_1__CountryCode")!).Value);
        Assert.Equal(slug, ((IHtmlTextAreaElement)form.GetElementById("Form_Partnerships")!).Value);
        Assert.NotNull(form.QuerySelector("form[action$='handler=Delete']"));
        Assert.Null(sharedForm.QuerySelector("form[action$='handler=Delete']"));
        Assert.Null((await other.GetPageAsync($"/agreements/{own}")).QuerySelector($"a[href='/agreements/{own}/edit']"));
        Assert.StartsWith("/account/denied", (await other.GetAsync($"/agreements/{own}/edit", Ct)).RedirectTarget(), StringComparison.Ordinal);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Null((await anonymous.GetPageAsync("/agreements")).QuerySelector("a[href='/agreements/new']"));
        Assert.StartsWith("/account/signin", (await anonymous.GetAsync("/agreements/new", Ct)).RedirectTarget(), StringComparison.Ordinal);

        // The shared agreement's page offers no delete form, so the editor's own token and the shared one's version are posted directly.
        var ownDelete = form.Form($"/agreements/{own}/edit", "form[action$='handler=Delete']");
        var deleteShared = new HtmlForm($"/agreements/{shared}/edit?handler=Delete", new(ownDelete.Fields)
        {
            ["ConfirmDelete"] = "true",
            ["Form.Version"] = (await AgreementAsync(shared))["version"]!.ToString(),
        });
        Assert.StartsWith("/account/denied", (await editor.SubmitAsync(deleteShared)).RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(2, SlugsOf(await AgreementAsync(shared)).Count());
    }

    [Fact]
    public async Task An_editor_adds_an_agreement_from_their_partnership_recorded_from_the_website_under_their_name()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var editor = await EditorOfAsync("Agreement Editor", partnershipId);
        var path = $"/agreements/new?partnership={slug}";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Title"] = "Terms of reference of the page test";
        form["Form.Kind"] = "TermsOfReference";
        form["Form.Status"] = "InForce";
        form["Form.Signed"] = "2021-03";
        form["Form.Parties[0].Name"] = "The partnership's members";
        form["Form.Documents[0].Title"] = "Terms";
        form["Form.Documents[0].Url"] = "https://example.org/terms.pdf";
        form["Form.Sources[0].Url"] = "https://example.org/terms";
        form["Form.Sources[0].Title"] = "Terms page";

        form["Form.Partnerships"] = $"{slug} no-such-partnership";
        var unknown = await (await editor.SubmitAsync(form)).ReadPageAsync();
        Assert.Contains("There is no partnership 'no-such-partnership'.", unknown.FieldError("Form.Partnerships"), StringComparison.Ordinal);
        form["Form.Partnerships"] = "no-such-partnership";
        var refused = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Forbidden);
        Assert.Contains("There is no partnership 'no-such-partnership'.", refused.FieldError("Form.Partnerships"), StringComparison.Ordinal);
        Assert.Contains("only to partnerships you edit", refused.FieldError("Form.Partnerships"), StringComparison.Ordinal);
        form["Form.Partnerships"] = slug;

        var response = await editor.SubmitAsync(form);

        await response.AssertStatusAsync(HttpStatusCode.Redirect);
        var id = int.Parse(response.RedirectTarget().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var agreement = await AgreementAsync(id);
        Assert.Equal("termsOfReference", (string)agreement["kind"]!);
        Assert.Equal("2021-03", (string)agreement["signed"]!);
        Assert.Equal([slug], SlugsOf(agreement));
        Assert.Single(agreement["parties"]!.AsArray());
        Assert.Equal("en", (string)agreement["documents"]![0]!["language"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "agreement", id))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Agreement Editor", (string)change["actor"]!["name"]!);
    }

    [Fact]
    public async Task An_editor_changes_an_agreement_and_may_not_link_a_partnership_that_is_not_theirs()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var (otherSlug, _) = await NewPartnershipAsync();
        var id = await NewAgreementAsync(slug);
        var editor = await EditorOfAsync("Agreement Editor", partnershipId);
        var path = $"/agreements/{id}/edit";

        var foreign = (await editor.GetPageAsync(path)).Form(path);
        foreign["Form.Partnerships"] = $"{slug} {otherSlug}";
        var refused = await (await editor.SubmitAsync(foreign)).ReadPageAsync(HttpStatusCode.Forbidden);
        Assert.Contains("partnerships you edit", refused.FieldError("Form.Partnerships"), StringComparison.Ordinal);
        Assert.Equal([slug], SlugsOf(await AgreementAsync(id)));

        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Status"] = "Expired";
        form["Form.Expires"] = "2024";
        form["Form.Parties[0].Name"] = "";
        form["Form.Parties[0].CountryCode"] = "";
        await (await editor.SubmitAsync(form)).AssertStatusAsync(HttpStatusCode.Redirect);

        var agreement = await AgreementAsync(id);
        Assert.Equal("expired", (string)agreement["status"]!);
        Assert.Equal("2024", (string)agreement["expires"]!);
        Assert.Equal("Government of Norway", (string)agreement["parties"]!.AsArray().Single()!["name"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "agreement", id))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Agreement Editor", (string)change["actor"]!["name"]!);
    }

    [Fact]
    public async Task An_invalid_agreement_shows_the_messages_next_to_the_fields_and_changes_nothing()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var id = await NewAgreementAsync(slug);
        var editor = await EditorOfAsync(null, partnershipId);
        var path = $"/agreements/{id}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Title"] = "";
        form["Form.Expires"] = "2018";
        form["Form.Parties[0].OrganisationId"] = "the ministry";
        form["Form.Documents[0].Url"] = "not an address";
        var changes = await HistoryData.CountAsync(_admin);

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal("This field is required.", page.FieldError("Form.Title"));
        Assert.NotNull(page.FieldError("Form.Expires"));
        Assert.Equal("Give the organisation's number, as in its address /organisations/123.", page.FieldError("Form.Parties[0].OrganisationId"));
        Assert.NotNull(page.FieldError("Form.Documents[0].Url"));
        Assert.Equal("the ministry", ((IHtmlInputElement)page.GetElementById("Form_Parties_0__OrganisationId")!).Value);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
        Assert.Equal("Memorandum of the page tests", (string)(await AgreementAsync(id))["title"]!);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var id = await NewAgreementAsync(slug);
        var editor = await EditorOfAsync(null, partnershipId);
        var path = $"/agreements/{id}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Title"] = "Forged";
        form.Fields.Remove("__RequestVerificationToken");

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SubmitAsync(form)).StatusCode);
        Assert.Equal("Memorandum of the page tests", (string)(await AgreementAsync(id))["title"]!);
    }

    [Fact]
    public async Task A_stale_agreement_form_shows_both_versions_and_saves_nothing_and_a_stale_delete_deletes_nothing()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var id = await NewAgreementAsync(slug);
        var editor = await EditorOfAsync(null, partnershipId);
        var path = $"/agreements/{id}/edit";
        var page = await editor.GetPageAsync(path);
        var form = page.Form(path);
        var delete = page.Form(path, "form[action$='handler=Delete']");
        form["Form.Title"] = "Mine";
        delete.Fields["ConfirmDelete"] = "true";
        var (_, etag) = await _admin.GetWithETagAsync($"/api/v1/agreements/{id}");
        await (await _admin.PutJsonAsync($"/api/v1/agreements/{id}", AgreementInput("Theirs", slug), etag)).AssertStatusAsync(HttpStatusCode.OK);

        var conflict = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);
        var staleDelete = await (await editor.SubmitAsync(delete)).ReadPageAsync(HttpStatusCode.Conflict);

        var differs = conflict.QuerySelectorAll(".conflict-table tbody tr.conflict-differs").Single();
        Assert.Equal(["Mine", "Theirs"], differs.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("was not deleted", staleDelete.Alert(), StringComparison.Ordinal);
        Assert.Equal("Theirs", (string)(await AgreementAsync(id))["title"]!);
    }

    [Fact]
    public async Task An_editor_deletes_an_agreement_linked_only_to_their_partnership_once_they_confirm()
    {
        var (slug, partnershipId) = await NewPartnershipAsync();
        var id = await NewAgreementAsync(slug);
        var editor = await EditorOfAsync(null, partnershipId);
        var path = $"/agreements/{id}/edit";
        var delete = (await editor.GetPageAsync(path)).Form(path, "form[action$='handler=Delete']");

        var unconfirmed = await (await editor.SubmitAsync(delete)).ReadPageAsync();
        Assert.Equal("Tick the box to confirm that the agreement is deleted.", unconfirmed.FieldError("ConfirmDelete"));

        delete.Fields["ConfirmDelete"] = "true";
        await (await editor.SubmitAsync(delete)).AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/agreements/{id}", Ct)).StatusCode);
        Assert.Equal("web", (string)(await HistoryData.ChangesOfAsync(_admin, "agreement", id))[0]!["source"]!);
    }
}
