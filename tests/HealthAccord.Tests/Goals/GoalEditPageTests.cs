using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Goals;

/// <summary>A partnership's goals and their measurements through the forms, by its editors only.</summary>
public sealed class GoalEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject GoalInput(string slug, string statement) => new()
    {
        ["partnership"] = slug,
        ["statement"] = statement,
        ["indicator"] = "Things done",
        ["unit"] = "things",
        ["direction"] = "atLeast",
        ["target"] = 12,
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/goal", ["title"] = "Goal source" }),
    };

    /// <summary>A partnership with one goal and one measurement of it.</summary>
    private async Task<(string Slug, int PartnershipId, int GoalId, int MeasurementId)> NewGoalAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        var partnership = await PartnershipData.CreateAsync(_admin, PartnershipData.ValidInput(slug));
        var goal = await _admin.CreateAsync("/api/v1/goals", GoalInput(slug, "Reach twelve things"));
        var measurement = await _admin.CreateAsync($"/api/v1/goals/{(int)goal["id"]!}/measurements",
            new JsonObject { ["measuredOn"] = "2024", ["value"] = 3, ["sourceUrl"] = "https://example.org/measured" });
        return (slug, (int)partnership["id"]!, (int)goal["id"]!, (int)measurement["id"]!);
    }

    private Task<HttpClient> EditorOfAsync(int partnershipId, string? displayName = null) =>
        factory.SignInAsync(factory.CreateAuthor(AccountRoles.Editor, displayName, [partnershipId]).Account);

    private async Task<JsonObject> GoalAsync(int id) => await _admin.GetJsonAsync($"/api/v1/goals/{id}");

    [Fact]
    public async Task Only_the_partnerships_editors_get_the_goal_forms_and_the_links_to_them()
    {
        var (slug, partnershipId, goalId, _) = await NewGoalAsync();
        var (_, otherId, _, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var other = await EditorOfAsync(otherId);

        var record = await editor.GetPageAsync($"/partnerships/{slug}");
        var form = await editor.GetPageAsync($"/goals/{goalId}/edit");

        Assert.NotNull(record.QuerySelector($"a[href='/goals/{goalId}/edit']"));
        Assert.NotNull(record.QuerySelector($"a[href='/partnerships/{slug}/goals/new']"));
        Assert.Equal("12", ((IHtmlInputElement)form.GetElementById("Form_Target")!).Value);
        Assert.Equal("AtLeast", ((IHtmlSelectElement)form.GetElementById("Form_Direction")!).Value);
        Assert.Equal("2024", form.QuerySelector("section[aria-labelledby=measurements-title] tbody th")!.TextContent);
        Assert.StartsWith("/account/denied", (await other.GetAsync($"/goals/{goalId}/edit", Ct)).RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", (await other.GetAsync($"/partnerships/{slug}/goals/new", Ct)).RedirectTarget(), StringComparison.Ordinal);
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.StartsWith("/account/signin", (await anonymous.GetAsync($"/goals/{goalId}/edit", Ct)).RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_changes_a_goal_recorded_from_the_website_under_their_name()
    {
        var (_, partnershipId, goalId, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId, "Goal Editor");
        var path = $"/goals/{goalId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Target"] = "20.5";
        form["Form.IsHeadline"] = "true";

        await (await editor.SubmitAsync(form)).AssertStatusAsync(HttpStatusCode.Redirect);

        var goal = await GoalAsync(goalId);
        Assert.Equal(20.5m, (decimal)goal["target"]!);
        Assert.True((bool)goal["isHeadline"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "goal", goalId))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Goal Editor", (string)change["actor"]!["name"]!);
    }

    [Fact]
    public async Task An_invalid_goal_shows_the_messages_next_to_the_fields_and_changes_nothing()
    {
        var (_, partnershipId, goalId, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/goals/{goalId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Target"] = "a dozen";
        form["Form.Indicator"] = "";
        var changes = await HistoryData.CountAsync(_admin);

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal("Give a number, e.g. 12 or 0.5.", page.FieldError("Form.Target"));
        Assert.Equal("This field is required.", page.FieldError("Form.Indicator"));
        Assert.Equal("a dozen", ((IHtmlInputElement)page.GetElementById("Form_Target")!).Value);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
        Assert.Equal(12m, (decimal)(await GoalAsync(goalId))["target"]!);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var (_, partnershipId, goalId, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/goals/{goalId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path, "form.measurement-form");
        form["Measurement.Value"] = "9";
        form["Measurement.SourceUrl"] = "https://example.org/forged";
        form.Fields.Remove("__RequestVerificationToken");

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.SubmitAsync(form)).StatusCode);
        Assert.Single((await GoalAsync(goalId))["measurements"]!.AsArray());
    }

    [Fact]
    public async Task A_stale_goal_form_shows_both_versions_and_saves_nothing()
    {
        var (slug, partnershipId, goalId, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/goals/{goalId}/edit";
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Statement"] = "Mine";
        var (_, etag) = await _admin.GetWithETagAsync($"/api/v1/goals/{goalId}");
        await (await _admin.PutJsonAsync($"/api/v1/goals/{goalId}", GoalInput(slug, "Theirs"), etag)).AssertStatusAsync(HttpStatusCode.OK);

        var conflict = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);

        var differs = conflict.QuerySelectorAll(".conflict-table tbody tr.conflict-differs").Single();
        Assert.Equal(["Mine", "Theirs"], differs.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Theirs", (string)(await GoalAsync(goalId))["statement"]!);
    }

    [Fact]
    public async Task An_editor_adds_and_removes_measurements_and_an_invalid_one_is_refused_next_to_its_field()
    {
        var (_, partnershipId, goalId, measurementId) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var path = $"/goals/{goalId}/edit";
        var add = (await editor.GetPageAsync(path)).Form(path, "form.measurement-form");
        add["Measurement.MeasuredOn"] = "2025-03";
        add["Measurement.Value"] = "7";
        add["Measurement.SourceUrl"] = "https://example.org/march";

        var invalid = await (await editor.SubmitAsync(new HtmlForm(add.Action, new(add.Fields) { ["Measurement.SourceUrl"] = "", ["Measurement.MeasuredOn"] = "2099" })))
            .ReadPageAsync();
        Assert.Equal("Every measurement needs its source.", invalid.FieldError("Measurement.SourceUrl"));
        Assert.Equal("A measurement cannot be dated in the future.", invalid.FieldError("Measurement.MeasuredOn"));
        Assert.Single((await GoalAsync(goalId))["measurements"]!.AsArray());

        Assert.Equal($"/goals/{goalId}/edit#measurements-title", (await editor.SubmitAsync(add)).RedirectTarget());
        Assert.Equal(["2024", "2025-03"], (await GoalAsync(goalId))["measurements"]!.AsArray().Select(m => (string)m!["measuredOn"]!));
        Assert.Equal("web", (string)(await HistoryData.ChangesOfAsync(_admin, "goal", goalId))[0]!["source"]!);

        var page = await editor.GetPageAsync(path);
        var remove = page.QuerySelectorAll("form.measurement-delete")
            .Select(f => (IHtmlFormElement)f).Single(f => f.QuerySelector("input[name=measurementId]")!.GetAttribute("value") == $"{measurementId}");
        var fields = remove.Elements.OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal($"/goals/{goalId}/edit#measurements-title", (await editor.SubmitAsync(new HtmlForm(remove.GetAttribute("action")!, fields))).RedirectTarget());
        Assert.Equal(["2025-03"], (await GoalAsync(goalId))["measurements"]!.AsArray().Select(m => (string)m!["measuredOn"]!));
    }

    [Fact]
    public async Task An_editor_adds_a_goal_and_deletes_one()
    {
        var (slug, partnershipId, goalId, _) = await NewGoalAsync();
        var editor = await EditorOfAsync(partnershipId);
        var newPath = $"/partnerships/{slug}/goals/new";
        var form = (await editor.GetPageAsync(newPath)).Form(newPath);
        form["Form.Statement"] = "Describe the network";
        form["Form.Indicator"] = "A written description";
        form["Form.Direction"] = "Qualitative";
        form["Form.TargetNote"] = "Published";
        form["Form.Sources[0].Url"] = "https://example.org/new-goal";
        form["Form.Sources[0].Title"] = "New goal";

        Assert.Matches($"^/partnerships/{slug}#goal-\\d+$", (await editor.SubmitAsync(form)).RedirectTarget());
        var goals = (await _admin.GetJsonAsync($"/api/v1/goals?partnership={slug}")).Items();
        Assert.Contains(goals, g => (string?)g!["statement"] == "Describe the network" && (string?)g["direction"] == "qualitative");

        var path = $"/goals/{goalId}/edit";
        var delete = (await editor.GetPageAsync(path)).Form(path, "section.danger-zone form");
        delete["ConfirmDelete"] = "true";
        Assert.Equal($"/partnerships/{slug}#history", (await editor.SubmitAsync(delete)).RedirectTarget());
        Assert.Equal(HttpStatusCode.NotFound, await _admin.StatusOfAsync($"/api/v1/goals/{goalId}"));
    }
}
