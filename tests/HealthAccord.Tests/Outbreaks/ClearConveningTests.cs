using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>
/// Clearing a convening recorded by mistake, through the API and the outbreak page: the milestone is open again, GloPID-R's
/// measurement of the outbreak goes, the history holds both, and what cannot be cleared is refused with a reason.
/// </summary>
public sealed class ClearConveningTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> MeasurementsOfAsync(int outbreakId) =>
        OutbreakData.ReadAsync(factory, db => db.Measurements.CountAsync(m => m.OutbreakId == outbreakId, Ct));

    private static JsonObject Milestone(JsonObject detail, string kind) =>
        detail["clock"]!["milestones"]!.AsArray().Single(m => (string?)m!["kind"] == kind)!.AsObject();

    [Fact]
    public async Task Clearing_through_the_api_opens_the_milestone_again_and_removes_glopid_rs_measurement_in_one_change()
    {
        var glopid = await OutbreakData.ReadAsync(factory, db => db.Partnerships.SingleAsync(p => p.Slug == "glopid-r", Ct));
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 20, partnershipSlug: "glopid-r");
        var editor = factory.CreateClientAs(AccountRoles.Editor, partnerships: [glopid.Id]);
        var recorded = await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/convening",
            new JsonObject { ["convenedAt"] = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-3), ["note"] = "Recorded for the wrong outbreak" }))
            .ReadJsonObjectAsync();
        Assert.Equal("reachedOnTime", (string?)Milestone(recorded, "conveningHeld")["state"]);
        Assert.Equal(1, await MeasurementsOfAsync(outbreak.Id));
        var version = (int)recorded["version"]!;

        var stale = await (await editor.DeleteAsync($"{outbreak.ApiUrl}/convening?version={version - 1}", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await MeasurementsOfAsync(outbreak.Id));
        Assert.NotNull(stale["detail"]);

        var cleared = await (await editor.DeleteAsync($"{outbreak.ApiUrl}/convening?version={version}", Ct)).ReadJsonObjectAsync();

        Assert.Null(cleared["convenedAt"]);
        Assert.Null(cleared["conveningNote"]);
        var milestone = Milestone(cleared, "conveningHeld");
        Assert.Equal("onTrack", (string?)milestone["state"]);
        Assert.Null(milestone["reachedAt"]);
        Assert.Equal(0, await MeasurementsOfAsync(outbreak.Id));
        var change = await OutbreakData.ReadAsync(factory, db => db.ChangeSets.AsNoTracking().Include(c => c.Records)
            .Where(c => c.Records.Any(r => r.RecordType == RecordType.Outbreak && r.RecordId == outbreak.Id))
            .OrderByDescending(c => c.Id).FirstAsync(Ct));
        Assert.Equal([RecordType.Goal, RecordType.Outbreak], change.Records.Select(r => r.RecordType).Order());
        Assert.Contains("measurements", change.Records.Single(r => r.RecordType == RecordType.Goal).Fields, StringComparison.Ordinal);

        var nothing = await (await editor.DeleteAsync($"{outbreak.ApiUrl}/convening", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("No convening is recorded", (string?)nothing["title"]);
        await (await editor.DeleteAsync("/api/v1/outbreaks/999999/convening", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_outbreaks_editors_clear_it_and_not_once_the_response_is_closed()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, convenedHoursAgo: 2);
        var stranger = factory.CreateClientAs(AccountRoles.Editor, partnerships: [(await OutbreakData.CreateAsync(factory)).PartnershipId]);
        await (await stranger.DeleteAsync($"{outbreak.ApiUrl}/convening", Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var editor = factory.CreateClientAs(AccountRoles.Editor, partnerships: [outbreak.PartnershipId]);
        await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject())).AssertStatusAsync(HttpStatusCode.OK);

        var closed = await (await editor.DeleteAsync($"{outbreak.ApiUrl}/convening", Ct)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal("The response to this outbreak is closed", (string?)closed["title"]);
        Assert.NotNull((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ConvenedAt);
    }

    [Fact]
    public async Task An_editor_clears_the_convening_from_the_outbreak_page_and_the_board_shows_it_not_held()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 10, convenedHoursAgo: 1);
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, [outbreak.PartnershipId], password: HistoryAccounts.Password));
        var page = await editor.GetPageAsync(outbreak.Page);
        Assert.Equal("ReachedOnTime", page.QuerySelector("#milestone-convening-held")?.GetAttribute("data-state"));
        var clear = page.Form(outbreak.Page, "form[action*='handler=ClearConvening']");
        var stale = page.Form(outbreak.Page, "form[action*='handler=ClearConvening']");

        var response = await editor.SubmitAsync(clear);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await editor.GetPageAsync(outbreak.Page);
        Assert.Equal("OnTrack", after.QuerySelector("#milestone-convening-held")?.GetAttribute("data-state"));
        Assert.Contains("Not held yet", after.QuerySelector("#declaration-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("form[action*='handler=ClearConvening']"));
        Assert.Null((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ConvenedAt);

        // The same button from a page opened before the clearing: the outbreak changed since, so nothing happens and it says why.
        var refused = await (await editor.SubmitAsync(stale)).ReadPageAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed after you opened this page", refused.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }
}
