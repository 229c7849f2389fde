using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Partnerships;

/// <summary>
/// The partnership's edit, add and delete forms as a browser uses them: who gets them, what a valid, an invalid, a
/// forged and a stale submission do to the record and its history.
/// </summary>
public sealed class PartnershipEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Slug, int Id)> NewPartnershipAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(_admin, PartnershipData.ValidInput(slug));
        return (slug, (int)created["id"]!);
    }

    private async Task<HttpClient> EditorOfAsync(int partnershipId, string? displayName = null)
    {
        var author = factory.CreateAuthor(AccountRoles.Editor, displayName, partnerships: [partnershipId]);
        return await factory.SignInAsync(author.Account);
    }

    private Task<HttpClient> SignedInAsync(string role, IEnumerable<int>? partnerships = null, int? organisation = null) =>
        factory.SignInAsync(factory.CreateAccount(role, partnerships, organisation, password: HistoryAccounts.Password));

    private async Task<JsonObject> StoredAsync(string slug) => (await PartnershipData.GetAsync(_admin, slug)).Body;

    [Fact]
    public async Task The_form_is_for_the_partnerships_editors_and_administrators_only()
    {
        var (slug, id) = await NewPartnershipAsync();
        var (_, other) = await NewPartnershipAsync();
        var path = $"/partnerships/{slug}/edit";

        var editorPage = await (await EditorOfAsync(id)).GetPageAsync(path);
        var adminPage = await (await SignedInAsync(AccountRoles.Administrator)).GetPageAsync(path);
        var otherEditor = await (await SignedInAsync(AccountRoles.Editor, partnerships: [other])).GetAsync(path, Ct);
        var representative = await (await SignedInAsync(AccountRoles.FunderRepresentative, organisation: 1)).GetAsync(path, Ct);
        var anonymous = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path, Ct);

        Assert.Equal($"Test partnership {slug}", ((IHtmlInputElement)editorPage.GetElementById("Form_Name")!).Value);
        Assert.Equal("ResearchConsortium", ((IHtmlSelectElement)editorPage.GetElementById("Form_Kind")!).Value);
        Assert.Equal("testing, quality", ((IHtmlInputElement)editorPage.GetElementById("Form_Themes")!).Value);
        Assert.Equal("https://example.org/source", ((IHtmlInputElement)editorPage.GetElementById("Form_Sources_0__Url")!).Value);
        Assert.NotNull(editorPage.QuerySelector("form.edit-form input[name=__RequestVerificationToken]"));
        Assert.Null(editorPage.GetElementById("delete-title"));
        Assert.NotNull(adminPage.GetElementById("delete-title"));
        Assert.StartsWith("/account/denied", otherEditor.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", representative.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin", anonymous.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_page_links_to_the_form_only_for_those_who_may_use_it()
    {
        var (slug, id) = await NewPartnershipAsync();
        var (_, other) = await NewPartnershipAsync();
        var link = $"a[href='/partnerships/{slug}/edit']";
        // A reader's copy of the page may be cached; an editor must not be served it.
        var reader = await factory.CreateClient().GetPageAsync($"/partnerships/{slug}");

        var editor = await (await EditorOfAsync(id)).GetPageAsync($"/partnerships/{slug}");
        var otherEditor = await (await SignedInAsync(AccountRoles.Editor, partnerships: [other])).GetPageAsync($"/partnerships/{slug}");
        var adminList = await (await SignedInAsync(AccountRoles.Administrator)).GetPageAsync("/partnerships");
        var editorList = await (await EditorOfAsync(id)).GetPageAsync("/partnerships");

        Assert.Null(reader.QuerySelector(link));
        Assert.Equal("Edit this partnership", editor.QuerySelector(link)!.TextContent);
        Assert.Null(otherEditor.QuerySelector(link));
        Assert.NotNull(adminList.QuerySelector("a[href='/partnerships/new']"));
        Assert.Null(editorList.QuerySelector("a[href='/partnerships/new']"));
    }

    [Fact]
    public async Task Saving_changes_the_record_and_records_one_change_from_the_website_under_the_editors_name()
    {
        var (slug, id) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id, displayName: "Form Editor");
        var path = $"/partnerships/{slug}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Name"] = "  Renamed in the form  ";
        form["Form.Themes"] = "Testing, quality, Genomics";
        form["Form.Sources[1].Url"] = "https://example.org/second";
        form["Form.Sources[1].Title"] = "A second source";

        var response = await editor.SubmitAsync(form);

        Assert.Equal($"/partnerships/{slug}#history", response.RedirectTarget());
        var stored = await StoredAsync(slug);
        Assert.Equal("Renamed in the form", (string)stored["name"]!);
        Assert.Equal(["testing", "quality", "genomics"], stored["themes"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["Example source", "A second source"], stored["sources"]!.AsArray().Select(s => (string)s!["title"]!));
        Assert.Equal(2, (int)stored["version"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "partnership", id))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Form Editor", (string)change["actor"]!["name"]!);
        var record = HistoryData.OnlyRecord(change);
        Assert.Equal(["name", "sources", "themes"], HistoryData.FieldNames(record).Order(StringComparer.Ordinal));
        Assert.Equal("Renamed in the form", (string)HistoryData.Field(record, "name")["new"]!);

        var page = await editor.GetPageAsync($"/partnerships/{slug}");
        var newest = page.QuerySelector("#history .timeline-entry")!;
        Assert.Contains("Form Editor", newest.QuerySelector(".timeline-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Website", newest.QuerySelector(".timeline-meta")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(newest.QuerySelector("form.revert-form"));
    }

    [Fact]
    public async Task A_form_write_records_the_same_fields_as_the_same_write_through_the_api()
    {
        var (viaForm, formId) = await NewPartnershipAsync();
        var (viaApi, apiId) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(formId);
        var path = $"/partnerships/{viaForm}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Mission"] = "A mission changed once.";
        form["Form.FoundedYear"] = "2001";
        form["Form.EuRole"] = "Member";
        var (_, etag) = await PartnershipData.GetAsync(_admin, viaApi);
        var input = PartnershipData.ValidInput(viaApi);
        input["mission"] = "A mission changed once.";
        input["foundedYear"] = 2001;
        input["euRole"] = "member";

        await (await editor.SubmitAsync(form)).AssertStatusAsync(HttpStatusCode.Redirect);
        await (await PartnershipData.PutAsync(_admin, viaApi, input, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var fromForm = HistoryData.OnlyRecord((await HistoryData.ChangesOfAsync(_admin, "partnership", formId))[0]!)["fields"]!.ToJsonString();
        var fromApi = HistoryData.OnlyRecord((await HistoryData.ChangesOfAsync(_admin, "partnership", apiId))[0]!)["fields"]!.ToJsonString();
        Assert.Equal(fromApi, fromForm);
    }

    [Fact]
    public async Task An_invalid_form_shows_each_message_next_to_its_field_keeps_what_was_typed_and_changes_nothing()
    {
        var (slug, id) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id);
        var path = $"/partnerships/{slug}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Name"] = "";
        form["Form.Acronym"] = "KEPT";
        form["Form.FoundedYear"] = "twenty";
        form["Form.Website"] = "ftp://example.org";
        form["Form.Sources[0].Title"] = "";
        var changes = await HistoryData.CountAsync(_admin);

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal("This field is required.", page.FieldError("Form.Name"));
        Assert.Equal("Give the year in digits, e.g. 2015.", page.FieldError("Form.FoundedYear"));
        Assert.Equal("Enter an absolute http or https address.", page.FieldError("Form.Website"));
        Assert.Equal("This field is required.", page.FieldError("Form.Sources[0].Title"));
        Assert.Equal("KEPT", ((IHtmlInputElement)page.GetElementById("Form_Acronym")!).Value);
        Assert.Equal("twenty", ((IHtmlInputElement)page.GetElementById("Form_FoundedYear")!).Value);
        Assert.Equal("Nothing was saved: please correct the fields marked below.", page.Alert());
        var stored = await StoredAsync(slug);
        Assert.Equal(1, (int)stored["version"]!);
        Assert.Equal("TEST", (string)stored["acronym"]!);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
    }

    [Fact]
    public async Task A_slug_taken_by_another_partnership_is_refused_next_to_the_field()
    {
        var (slug, id) = await NewPartnershipAsync();
        var (taken, _) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id);
        var path = $"/partnerships/{slug}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Slug"] = taken;

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal($"A partnership with the slug '{taken}' already exists.", page.FieldError("Form.Slug"));
        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_admin, slug));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_changes_nothing()
    {
        var (slug, id) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id);
        var path = $"/partnerships/{slug}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Name"] = "Forged";
        form.Fields.Remove("__RequestVerificationToken");

        var response = await editor.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"Test partnership {slug}", (string)(await StoredAsync(slug))["name"]!);
    }

    [Fact]
    public async Task A_stale_form_shows_both_versions_side_by_side_saves_nothing_and_can_then_be_applied_on_top()
    {
        var (slug, id) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id);
        var path = $"/partnerships/{slug}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Name"] = "The second editor's name";
        // Meanwhile someone else saves another name and a new summary.
        var (_, etag) = await PartnershipData.GetAsync(_admin, slug);
        var input = PartnershipData.ValidInput(slug);
        input["name"] = "The first editor's name";
        input["summary"] = "A summary saved in between.";
        await (await PartnershipData.PutAsync(_admin, slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        var changes = await HistoryData.CountAsync(_admin);

        var conflict = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);

        Assert.Equal("This partnership was changed while you were editing it", conflict.QuerySelector("#conflict-title")!.TextContent);
        var rows = conflict.QuerySelectorAll(".conflict-table tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.FirstChild!.TextContent.Trim(), r => r);
        Assert.Equal(["The second editor's name", "The first editor's name"], rows["Name"].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("differs", rows["Name"].QuerySelector(".change-tag")!.TextContent);
        Assert.Equal([$"A partnership created by a test ({slug}).", "A summary saved in between."],
            rows["Summary"].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Null(rows["Acronym"].QuerySelector(".change-tag"));
        Assert.Contains("2 fields differ", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The first editor's name", (string)(await StoredAsync(slug))["name"]!);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
        Assert.Equal($"/partnerships/{slug}", conflict.QuerySelector(".conflict a")!.GetAttribute("href"));

        // The form below holds the second editor's values on top of the stored version: saving it applies them.
        var again = conflict.Form(path);
        Assert.Equal("2", again["Form.Version"]);
        Assert.Equal("The second editor's name", again["Form.Name"]);
        await (await editor.SubmitAsync(again)).AssertStatusAsync(HttpStatusCode.Redirect);
        var stored = await StoredAsync(slug);
        Assert.Equal("The second editor's name", (string)stored["name"]!);
        Assert.Equal($"A partnership created by a test ({slug}).", (string)stored["summary"]!);
    }

    [Fact]
    public async Task An_administrator_adds_a_partnership_through_the_form_and_an_editor_may_not()
    {
        var admin = await SignedInAsync(AccountRoles.Administrator);
        var (_, id) = await NewPartnershipAsync();
        var editor = await EditorOfAsync(id);
        var slug = PartnershipData.UniqueSlug();
        var form = (await admin.GetPageAsync("/partnerships/new")).Form("/partnerships/new");
        form["Form.Slug"] = slug;
        form["Form.Acronym"] = "NEW";
        form["Form.Name"] = "A partnership added in the browser";
        form["Form.Kind"] = "Programme";
        form["Form.Summary"] = "Added through the form.";
        form["Form.EuRole"] = "Contributor";
        form["Form.Sources[0].Url"] = "https://example.org/added";
        form["Form.Sources[0].Title"] = "Where it was announced";

        var denied = await editor.GetAsync("/partnerships/new", Ct);
        var invalid = await (await admin.SubmitAsync(new HtmlForm(form.Action, new(form.Fields) { ["Form.Kind"] = "" }))).ReadPageAsync();
        var response = await admin.SubmitAsync(form);

        Assert.StartsWith("/account/denied", denied.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal("This field is required.", invalid.FieldError("Form.Kind"));
        Assert.Equal($"/partnerships/{slug}", response.RedirectTarget());
        var stored = await StoredAsync(slug);
        Assert.Equal("A partnership added in the browser", (string)stored["name"]!);
        Assert.Equal("active", (string)stored["status"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "partnership", (int)stored["id"]!))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("created", (string)HistoryData.OnlyRecord(change)["kind"]!);
    }

    [Fact]
    public async Task An_administrator_deletes_a_partnership_after_confirming_and_an_editor_may_not()
    {
        var (slug, id) = await NewPartnershipAsync();
        var admin = await SignedInAsync(AccountRoles.Administrator);
        var editor = await EditorOfAsync(id);
        var path = $"/partnerships/{slug}/edit";
        var delete = (await admin.GetPageAsync(path)).Form(path, "section.danger-zone form");

        // The editor has no delete form; they post one with the token of the form they do get.
        var editorForm = (await editor.GetPageAsync(path)).Form(path);
        var editorTry = await editor.SubmitAsync(new HtmlForm(delete.Action, new(delete.Fields)
        {
            ["ConfirmDelete"] = "true",
            ["__RequestVerificationToken"] = editorForm["__RequestVerificationToken"],
        }));
        var unconfirmed = await (await admin.SubmitAsync(delete)).ReadPageAsync();
        delete["ConfirmDelete"] = "true";
        var response = await admin.SubmitAsync(delete);

        Assert.StartsWith("/account/denied", editorTry.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal("Tick the box to confirm that the partnership, its members and goals are deleted.", unconfirmed.FieldError("ConfirmDelete"));
        Assert.Equal("/partnerships", response.RedirectTarget());
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_admin, slug));
        var change = (await HistoryData.ChangesOfAsync(_admin, "partnership", id))[0]!;
        Assert.Equal("deleted", (string)HistoryData.OnlyRecord(change)["kind"]!);
    }
}
