using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>
/// The history as readers see it in HTML: the timeline on record pages, a change's own page with its revert form, and
/// the audit log with its GET filters. Everything works without JavaScript: links, GET forms and one POST form.
/// </summary>
public sealed class HistoryPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HistoryAuthor _author = factory.CreateAuthor(displayName: "Page Author");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Makes the changes, through the API.</summary>
    private HttpClient Api => _author.Api;

    /// <summary>The author signed in to the site, as a browser is: a session cookie, redirects not followed.</summary>
    private Task<HttpClient> SignedInAsync() => factory.SignInAsync(_author.Account);

    private static async Task<IDocument> OpenAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path, Ct);
        await response.AssertStatusAsync(expected);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<long> RenameAsync(HistoryWorld world, string name)
    {
        var (_, etag) = await PartnershipData.GetAsync(_reader, world.Slug);
        var input = PartnershipData.ValidInput(world.Slug);
        input["name"] = name;
        await (await PartnershipData.PutAsync(Api, world.Slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        return await HistoryData.LatestChangeIdAsync(Api, "partnership", world.PartnershipId);
    }

    /// <summary>Submits the page's revert form as a browser would: its action, its antiforgery token, the cookie that goes with it.</summary>
    private static async Task<HttpResponseMessage> SubmitRevertAsync(HttpClient client, IDocument page)
    {
        var form = page.QuerySelector("form.revert-form, section[aria-labelledby=revert-title] form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        using var body = new FormUrlEncodedContent(fields);
        return await client.PostAsync(form.GetAttribute("action"), body, Ct);
    }

    [Fact]
    public async Task A_partnership_page_shows_who_changed_which_field_when_newest_first_without_a_revert_button_for_readers()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var change = await RenameAsync(world, "A name from the timeline");

        var page = await OpenAsync(_reader, $"/partnerships/{world.Slug}");

        var entries = page.QuerySelectorAll("#history .timeline-entry").ToList();
        Assert.Equal(5, entries.Count);
        var newest = entries[0];
        Assert.Equal($"28 November 2026, 12:00 UTC · Page Author · API", Text(newest.QuerySelector(".timeline-meta")!));
        Assert.Equal("2026-11-28T12:00:00Z", newest.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Updated partnership TEST: name", Text(newest.QuerySelector(".timeline-summary a")!));
        Assert.Equal($"/history/changes/{change}", newest.QuerySelector(".timeline-summary a")!.GetAttribute("href"));
        Assert.Equal("Name", Text(newest.QuerySelector("dt")!));
        Assert.Equal($"Test partnership {world.Slug}", Text(newest.QuerySelector("dd del")!));
        Assert.Equal("A name from the timeline", Text(newest.QuerySelector("dd ins")!));
        Assert.Contains("Updated goal TEST: Reach twelve things: measurements", Text(entries[1]), StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#history form"));
        Assert.Null(page.QuerySelector("a[href='/history']"));
    }

    [Fact]
    public async Task An_editor_sees_a_revert_form_with_an_antiforgery_token_on_each_change()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var change = await RenameAsync(world, "Revertable");
        // A reader's copy of the page may sit in the output cache; the editor must not be served it.
        await OpenAsync(_reader, $"/partnerships/{world.Slug}");

        var page = await OpenAsync(await SignedInAsync(), $"/partnerships/{world.Slug}");

        var form = page.QuerySelector("#history .timeline-entry form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal($"/history/changes/{change}?handler=Revert", form.GetAttribute("action"));
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")));
        Assert.Equal($"Revert change {change}", Text(form.QuerySelector("button")!));
        Assert.NotNull(page.QuerySelector("#history a[href='/history']"));
    }

    [Fact]
    public async Task Organisation_and_agreement_pages_show_their_own_history()
    {
        var world = await HistoryWorld.CreateAsync(Api);

        var organisation = await OpenAsync(_reader, $"/organisations/{world.OrganisationId}");
        var agreement = await OpenAsync(_reader, $"/agreements/{world.AgreementId}");

        Assert.Equal(["Created membership", "Created organisation"],
            organisation.QuerySelectorAll("#history .timeline-summary a").Select(a => string.Join(' ', Text(a).Split(' ').Take(2))));
        Assert.Equal(["Created agreement A memorandum of the world"], agreement.QuerySelectorAll("#history .timeline-summary a").Select(Text));
    }

    [Fact]
    public async Task A_changes_page_lists_each_field_before_and_after_and_offers_the_revert_only_to_editors()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var change = await RenameAsync(world, "Shown on the change page");

        var anonymous = await OpenAsync(_reader, $"/history/changes/{change}");
        var editor = await OpenAsync(await SignedInAsync(), $"/history/changes/{change}");

        Assert.Equal("Updated partnership TEST: name", Text(anonymous.QuerySelector("h1")!));
        var record = anonymous.QuerySelector("section.changed-record")!;
        Assert.Equal("Updated partnership TEST", Text(record.QuerySelector("h2")!));
        Assert.Equal($"/partnerships/{world.Slug}", record.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal("Shown on the change page", Text(record.QuerySelector("dd ins")!));
        Assert.Empty(anonymous.QuerySelectorAll("form"));
        Assert.NotNull(editor.QuerySelector("section[aria-labelledby=revert-title] form button"));
    }

    [Fact]
    public async Task Reverting_through_the_form_restores_the_record_and_lands_on_the_new_change()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var change = await RenameAsync(world, "Undone in the browser");
        var browser = await SignedInAsync();
        var page = await OpenAsync(browser, $"/history/changes/{change}");

        var response = await SubmitRevertAsync(browser, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/history/changes/\d+$", location);
        var landed = await OpenAsync(browser, location);
        Assert.Equal($"This change reverted change {change}.", Text(landed.QuerySelector("header.record-header p:not(.record-kind):not(.timeline-meta)")!));
        Assert.Equal("Revert", Text(landed.QuerySelector(".timeline-meta .badge")!));
        Assert.Equal($"Test partnership {world.Slug}", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
    }

    [Fact]
    public async Task A_refused_revert_explains_why_on_the_page_with_409_and_changes_nothing()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var first = await RenameAsync(world, "Soon overwritten");
        var browser = await SignedInAsync();
        var page = await OpenAsync(browser, $"/history/changes/{first}");
        await RenameAsync(world, "Written later");

        var response = await SubmitRevertAsync(browser, page);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var refused = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
        var alert = refused.QuerySelector("[role=alert]")!;
        Assert.Equal("The records have changed since", Text(alert.QuerySelector("h2")!));
        Assert.Contains("partnership TEST: name changed", Text(alert), StringComparison.Ordinal);
        Assert.Equal("Written later", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
    }

    [Fact]
    public async Task A_revert_posted_without_the_antiforgery_token_is_refused()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        var change = await RenameAsync(world, "Kept despite a forged post");

        using var empty = new FormUrlEncodedContent([]);
        var response = await (await SignedInAsync()).PostAsync($"/history/changes/{change}?handler=Revert", empty, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Kept despite a forged post", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
    }

    [Fact]
    public async Task The_audit_log_is_for_administrators_and_filters_with_a_bookmarkable_GET_form()
    {
        var world = await HistoryWorld.CreateAsync(Api);
        await RenameAsync(world, "In the audit log");
        var editor = await factory.SignInAsync(factory.CreateAuthor(AccountRoles.Editor, partnerships: [world.PartnershipId]).Account);
        var administrator = await SignedInAsync();

        Assert.StartsWith("/account/signin", (await _reader.GetAsync("/history", Ct)).RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("/account/denied", (await editor.GetAsync("/history", Ct)).Headers.Location!.AbsolutePath);
        var all = await OpenAsync(administrator, "/history");
        var filtered = await OpenAsync(administrator, $"/history?recordType=partnership&recordId={world.PartnershipId}");

        var form = all.QuerySelector("form.filters")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["recordType", "recordId", "actor", "source", "from", "to"],
            form.QuerySelectorAll("input[name], select[name]").Select(e => e.GetAttribute("name")!));
        Assert.True(all.QuerySelectorAll("table.data-table tbody tr").Length >= 2);
        Assert.Equal("2 changes match", Text(filtered.QuerySelector("#results-title")!));
        Assert.Equal(["Updated partnership TEST: name", "Created partnership TEST"],
            filtered.QuerySelectorAll("tbody th a").Select(Text));
        Assert.Equal("partnership", filtered.QuerySelector("#recordType option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_unusable_audit_log_filter_is_reported_next_to_its_field_and_ignored()
    {
        var page = await OpenAsync(await SignedInAsync(), "/history?from=yesterday&recordId=abc&source=api");

        Assert.Equal("Use a date of the form YYYY-MM-DD. This filter was ignored.", Text(page.QuerySelector("#from-error")!));
        Assert.Equal("true", page.QuerySelector("#from")!.GetAttribute("aria-invalid"));
        Assert.Equal("Record ids are whole numbers from 1. This filter was ignored.", Text(page.QuerySelector("#recordId-error")!));
        Assert.Equal("api", page.QuerySelector("#source option[selected]")!.GetAttribute("value"));
    }
}
