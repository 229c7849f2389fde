using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Editing;

/// <summary>
/// /grants/{id}/edit as HTML: who gets the form, messages next to the fields, the saved edit on the grant's page, and
/// the conflict page that shows both versions when someone else saved first. Plain form posts, no JavaScript.
/// </summary>
public sealed class GrantEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> SignedInAsync(string role, IEnumerable<int>? partnerships = null, int? organisation = null) =>
        factory.SignInAsync(factory.CreateAccount(role, partnerships, organisation, Password));

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The form's fields as the page filled them in, with some changed: what a browser would post.</summary>
    private static async Task<Dictionary<string, string>> FieldsAsync(HttpClient client, EditableGrant grant, Dictionary<string, string> changes)
    {
        var page = await ParseAsync(await client.GetAsync($"{grant.PageUrl}/edit", Ct));
        var fields = page.QuerySelectorAll("form.grant-edit-form input").Where(i => i.GetAttribute("name") is not null)
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Form.Description"] = page.QuerySelector("form.grant-edit-form textarea")!.TextContent;
        fields.Remove("__RequestVerificationToken");
        foreach (var (name, value) in changes) fields[name] = value;
        return fields;
    }

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, EditableGrant grant, Dictionary<string, string> changes) =>
        await client.PostFormAsync($"{grant.PageUrl}/edit", await FieldsAsync(client, grant, changes));

    [Fact]
    public async Task Readers_are_sent_to_sign_in_and_accounts_without_the_right_are_refused_the_form_and_the_post()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var stranger = await SignedInAsync(AccountRoles.FunderRepresentative, organisation: (await EditableGrant.CreateAsync(factory)).FunderId);

        var challenge = await anonymous.GetAsync($"{grant.PageUrl}/edit", Ct);
        var refused = await stranger.GetAsync($"{grant.PageUrl}/edit", Ct);
        var grantPage = await ParseAsync(await stranger.GetAsync(grant.PageUrl, Ct));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/account/signin", challenge.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.Null(grantPage.QuerySelector($"a[href='{grant.PageUrl}/edit']"));
        Assert.Equal(1, grant.VersionIn(factory));
    }

    [Fact]
    public async Task An_editor_of_a_linked_partnership_saves_an_edit_and_sees_it_in_the_grants_history()
    {
        var grant = await EditableGrant.CreateAsync(factory, partnershipSlug: "edctp");
        var editor = await SignedInAsync(AccountRoles.Editor, partnerships: [await PartnershipIdAsync("edctp")]);
        var grantPage = await ParseAsync(await editor.GetAsync(grant.PageUrl, Ct));
        Assert.NotNull(grantPage.QuerySelector($"a[href='{grant.PageUrl}/edit']"));

        var response = await SubmitAsync(editor, grant, new() { ["Form.Title"] = $"Ward hygiene study {grant.Word}" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{grant.PageUrl}#history", response.Headers.Location!.OriginalString);
        var page = await ParseAsync(await factory.CreateClient().GetAsync(grant.PageUrl, Ct));
        Assert.Equal($"Ward hygiene study {grant.Word}", Text(page.QuerySelector("h1")!));
        var entry = page.QuerySelector("#history .timeline-entry")!;
        Assert.Contains("Website", Text(entry), StringComparison.Ordinal);
        Assert.Contains($"Hospital ward study {grant.Word}", Text(entry), StringComparison.Ordinal);
        Assert.Contains($"Ward hygiene study {grant.Word}", Text(entry), StringComparison.Ordinal);
        Assert.Null(entry.QuerySelector("form.revert-form"));
    }

    [Fact]
    public async Task Bad_values_come_back_with_a_message_next_to_each_field_and_nothing_is_saved()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var admin = await SignedInAsync(AccountRoles.Administrator);

        var response = await SubmitAsync(admin, grant, new()
        {
            ["Form.Currency"] = "XYZ",
            ["Form.Amount"] = "a lot",
            ["Form.PlannedEnd"] = "2020-01-01",
            ["Form.Countries"] = "KE, XX",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        foreach (var field in new[] { "Currency", "Amount", "PlannedEnd", "Countries" })
        {
            var input = page.QuerySelector($"#Form_{field}")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.False(string.IsNullOrWhiteSpace(Text(page.QuerySelector($"#Form_{field}-error")!)), field);
        }
        Assert.Equal("XYZ", page.QuerySelector("#Form_Currency")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#Form_Title-error"));
        Assert.Equal(1, grant.VersionIn(factory));
    }

    [Fact]
    public async Task A_stale_form_gets_the_conflict_page_with_both_versions_and_saving_again_is_a_choice()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var admin = await SignedInAsync(AccountRoles.Administrator);
        var mine = await FieldsAsync(admin, grant, new() { ["Form.Topic"] = "My topic" });
        await (await SubmitAsync(admin, grant, new() { ["Form.Topic"] = "Their topic" })).AssertStatusAsync(HttpStatusCode.Redirect);

        var response = await admin.PostFormAsync($"{grant.PageUrl}/edit", mine);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await ParseAsync(response);
        var topic = page.QuerySelectorAll(".conflict-table tbody tr").Single(r => Text(r.QuerySelector("th")!).StartsWith("Topic", StringComparison.Ordinal));
        Assert.Equal(["My topic", "Their topic"], topic.QuerySelectorAll("td").Select(Text));
        Assert.Contains("conflict-differs", topic.ClassList);
        Assert.Equal("My topic", page.QuerySelector("#Form_Topic")!.GetAttribute("value"));
        Assert.Equal("2", page.QuerySelector("input[name='Form.Version']")!.GetAttribute("value"));
        Assert.Equal(2, grant.VersionIn(factory));

        mine["Form.Version"] = "2";
        await (await admin.PostFormAsync($"{grant.PageUrl}/edit", mine)).AssertStatusAsync(HttpStatusCode.Redirect);
        Assert.Equal(3, grant.VersionIn(factory));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var admin = await SignedInAsync(AccountRoles.Administrator);
        var fields = await FieldsAsync(admin, grant, new() { ["Form.Topic"] = "Forged" });

        using var body = new FormUrlEncodedContent(fields);
        var response = await admin.PostAsync($"{grant.PageUrl}/edit", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, grant.VersionIn(factory));
    }

    private async Task<int> PartnershipIdAsync(string slug) =>
        (int)(await factory.CreateClient().GetJsonAsync($"/api/v1/partnerships/{slug}"))["id"]!;
}
