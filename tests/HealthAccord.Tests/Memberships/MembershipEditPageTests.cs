using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Memberships;

/// <summary>A partnership's seats added, changed and removed through the forms, by its editors only.</summary>
public sealed class MembershipEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonArray Sources = [new JsonObject { ["url"] = "https://example.org/seat", ["title"] = "Seat source" }];

    /// <summary>A partnership with one seat held by Norway.</summary>
    private async Task<(string Slug, int PartnershipId, int MembershipId)> NewSeatAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        var partnership = await PartnershipData.CreateAsync(_admin, PartnershipData.ValidInput(slug));
        var seat = await _admin.CreateAsync("/api/v1/memberships", new JsonObject
        {
            ["partnership"] = slug,
            ["countryCode"] = "NO",
            ["role"] = "member",
            ["joined"] = "2019",
            ["sources"] = Sources.DeepClone(),
        });
        return (slug, (int)partnership["id"]!, (int)seat["id"]!);
    }

    private Task<HttpClient> EditorOfAsync(int partnershipId, string? displayName = null) =>
        factory.SignInAsync(factory.CreateAuthor(AccountRoles.Editor, displayName, [partnershipId]).Account);

    private async Task<JsonObject> SeatAsync(int id) => await _admin.GetJsonAsync($"/api/v1/memberships/{id}");

    [Fact]
    public async Task Only_the_partnerships_editors_get_the_seat_forms_and_the_links_to_them()
    {
        var (slug, partnershipId, seatId) = await NewSeatAsync();
        var (_, otherId, _) = await NewSeatAsync();
        var editor = await EditorOfAsync(partnershipId);
        var other = await EditorOfAsync(otherId);

        var record = await editor.GetPageAsync($"/partnerships/{slug}");
        var form = await editor.GetPageAsync($"/memberships/{seatId}/edit");

        Assert.NotNull(record.QuerySelector($"a[href='/memberships/{seatId}/edit']"));
        Assert.NotNull(record.QuerySelector($"a[href='/partnerships/{slug}/members/new']"));
        Assert.Equal("NO", ((IHtmlInputElement)form.GetElementById("Form_CountryCode")!).Value);
        Assert.Equal("Member", ((IHtmlSelectElement)form.GetElementById("Form_Role")!).Value);
        Assert.StartsWith("/account/denied", (await other.GetAsync($"/memberships/{seatId}/edit", Ct)).RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", (await other.GetAsync($"/partnerships/{slug}/members/new", Ct)).RedirectTarget(), StringComparison.Ordinal);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.StartsWith("/account/signin", (await anonymous.GetAsync($"/memberships/{seatId}/edit", Ct)).RedirectTarget(), StringComparison.Ordinal);
        Assert.Null((await factory.CreateClient().GetPageAsync($"/partnerships/{slug}")).QuerySelector($"a[href='/memberships/{seatId}/edit']"));
    }

    [Fact]
    public async Task An_editor_adds_changes_and_removes_a_seat_each_recorded_from_the_website()
    {
        var (slug, partnershipId, seatId) = await NewSeatAsync();
        var editor = await EditorOfAsync(partnershipId, "Seat Editor");
        var newPath = $"/partnerships/{slug}/members/new";
        var add = (await editor.GetPageAsync(newPath)).Form(newPath);
        add["Form.CountryCode"] = "dk";
        add["Form.Role"] = "Observer";
        add["Form.Sources[0].Url"] = "https://example.org/dk";
        add["Form.Sources[0].Title"] = "Denmark joins";

        Assert.Equal($"/partnerships/{slug}#members-title", (await editor.SubmitAsync(add)).RedirectTarget());
        var seats = (await _admin.GetJsonAsync($"/api/v1/memberships?partnership={slug}")).Items();
        Assert.Contains(seats, s => (string?)s!["countryCode"] == "DK" && (string?)s["role"] == "observer");

        var editPath = $"/memberships/{seatId}/edit";
        var edit = (await editor.GetPageAsync(editPath)).Form(editPath);
        edit["Form.Left"] = "2024-06";
        Assert.Equal($"/partnerships/{slug}#history", (await editor.SubmitAsync(edit)).RedirectTarget());
        Assert.Equal("2024-06", (string)(await SeatAsync(seatId))["left"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "membership", seatId))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Seat Editor", (string)change["actor"]!["name"]!);
        Assert.Equal(["left"], HistoryData.FieldNames(HistoryData.OnlyRecord(change)));

        var remove = (await editor.GetPageAsync(editPath)).Form(editPath, "section.danger-zone form");
        remove["ConfirmDelete"] = "true";
        Assert.Equal($"/partnerships/{slug}#history", (await editor.SubmitAsync(remove)).RedirectTarget());
        Assert.Equal(HttpStatusCode.NotFound, await _admin.StatusOfAsync($"/api/v1/memberships/{seatId}"));
    }

    [Fact]
    public async Task An_invalid_seat_shows_the_messages_next_to_the_fields_and_changes_nothing()
    {
        var (_, partnershipId, seatId) = await NewSeatAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/memberships/{seatId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.CountryCode"] = "";
        form["Form.Joined"] = "last spring";
        var changes = await HistoryData.CountAsync(_admin);

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal("A seat is held by an organisation or by a country: give exactly one of organisationId and countryCode.", page.FieldError("Form.OrganisationId"));
        Assert.Equal("Use a date of the form YYYY, YYYY-MM or YYYY-MM-DD.", page.FieldError("Form.Joined"));
        Assert.Equal("last spring", ((IHtmlInputElement)page.GetElementById("Form_Joined")!).Value);
        Assert.Equal(1, (int)(await SeatAsync(seatId))["version"]!);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var (_, partnershipId, seatId) = await NewSeatAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/memberships/{seatId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Note"] = "Forged";
        form.Fields.Remove("__RequestVerificationToken");

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SubmitAsync(form)).StatusCode);
        Assert.Null((string?)(await SeatAsync(seatId))["note"]);
    }

    [Fact]
    public async Task A_stale_seat_form_shows_both_versions_and_saves_nothing()
    {
        var (slug, partnershipId, seatId) = await NewSeatAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/memberships/{seatId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Role"] = "Chair";
        var (_, etag) = await _admin.GetWithETagAsync($"/api/v1/memberships/{seatId}");
        await (await _admin.PutJsonAsync($"/api/v1/memberships/{seatId}", new JsonObject
        {
            ["partnership"] = slug,
            ["countryCode"] = "NO",
            ["role"] = "secretariat",
            ["joined"] = "2019",
            ["sources"] = Sources.DeepClone(),
        }, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var conflict = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);

        var differs = conflict.QuerySelectorAll(".conflict-table tbody tr.conflict-differs").Single();
        Assert.Equal(["Chair", "Secretariat"], differs.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("secretariat", (string)(await SeatAsync(seatId))["role"]!);
    }
}
