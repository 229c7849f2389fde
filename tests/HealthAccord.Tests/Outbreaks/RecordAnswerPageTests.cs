using System.Net;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>
/// Writing down a funder's answer that reached the secretariat by phone or email, from the outbreak page: who may, how the
/// step is marked, and that the answer rules (validation, closed outbreaks, repeated answers) are the funder's own.
/// </summary>
public sealed class RecordAnswerPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RecordPath(TestOutbreak outbreak, TestFunder funder) => $"{outbreak.Page}/responses/{funder.ResponseId}/record";

    private async Task<(HttpClient Client, TestAccount Account)> EditorOfAsync(TestOutbreak outbreak)
    {
        var account = factory.CreateAccount(AccountRoles.Editor, [outbreak.PartnershipId], password: HistoryAccounts.Password);
        return (await factory.SignInAsync(account), account);
    }

    [Fact]
    public async Task An_editor_writes_down_an_answer_given_by_phone_and_sending_it_again_adds_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[1];
        var (editor, account) = await EditorOfAsync(outbreak);
        var path = RecordPath(outbreak, funder);
        var details = await editor.GetPageAsync(outbreak.Page);
        Assert.Contains(funder.Name, details.QuerySelector($"a[href='{path}']")?.TextContent, StringComparison.Ordinal);

        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Channel"] = "phone";
        form["Form.WillJoinConvening"] = "yes";
        form["Form.Commitment"] = "RepurposedFunds";
        form["Form.CommitmentAmount"] = "120,000";
        form["Form.CommitmentCurrency"] = "eur";
        var saved = await editor.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var confirmation = await editor.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("the answer is on the outbreak's board", confirmation.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.True(stored.WillJoinConvening);
        Assert.Equal(120000m, stored.CommitmentAmount);
        Assert.Equal("EUR", stored.CommitmentCurrency);
        var steps = stored.Steps.Where(s => s.Kind != ResponseStepKind.Notified).OrderBy(s => s.Id).ToList();
        Assert.Equal([ResponseStepKind.Acknowledged, ResponseStepKind.ConveningAnswered, ResponseStepKind.Committed], steps.Select(s => s.Kind));
        Assert.All(steps, s => Assert.Equal(ResponseChannel.Phone, s.Channel));
        var change = await OutbreakData.ReadAsync(factory, db => db.RecordChanges.Include(r => r.ChangeSet)
            .SingleAsync(r => r.RecordType == RecordType.OutbreakResponse && r.RecordId == funder.ResponseId, Ct));
        Assert.Equal(account.Id, change.ChangeSet.ActorId);
        Assert.Equal(ChangeSource.Web, change.ChangeSet.Source);
        Assert.All(steps, s => Assert.Equal(change.ChangeSet.ActorName, s.ActorName));
        var board = await factory.CreateClient().GetPageAsync(outbreak.Page);
        var row = board.QuerySelector($"#response-{funder.ResponseId}")!.TextContent;
        Assert.Contains("phone call written down by staff", row, StringComparison.Ordinal);
        Assert.Contains("Re-purposed funds: 120,000 EUR", row, StringComparison.Ordinal);

        // The same answer again, now said to have come by email: nothing new was answered, so nothing is added.
        var again = (await editor.GetPageAsync(path)).Form(path);
        again["Channel"] = "email";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.SubmitAsync(again)).StatusCode);
        var unchanged = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(stored.Version, unchanged.Version);
        Assert.Equal(stored.Steps.Count, unchanged.Steps.Count);
        Assert.Equal(1, await OutbreakData.ReadAsync(factory, db => db.RecordChanges.CountAsync(
            r => r.RecordType == RecordType.OutbreakResponse && r.RecordId == funder.ResponseId, Ct)));
    }

    [Fact]
    public async Task A_missing_channel_and_a_bad_currency_are_marked_on_their_fields_and_nothing_is_saved()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var (editor, _) = await EditorOfAsync(outbreak);
        var path = RecordPath(outbreak, funder);
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Form.Commitment"] = "RepurposedFunds";
        form["Form.CommitmentAmount"] = "5000";
        form["Form.CommitmentCurrency"] = "XYZ";

        var page = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.OK);

        Assert.Contains("by phone or by email", page.FieldError("Channel"), StringComparison.Ordinal);
        Assert.Contains("not an ISO 4217 currency code", page.FieldError("Form.CommitmentCurrency"), StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", page.Alert(), StringComparison.Ordinal);

        form["Channel"] = "email";
        var invalid = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.OK);
        Assert.Contains("not an ISO 4217 currency code", invalid.FieldError("Form.CommitmentCurrency"), StringComparison.Ordinal);
        Assert.Equal("email", invalid.QuerySelector("input[name=Channel][checked]")?.GetAttribute("value"));

        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_closed_outbreak_is_refused_clearly_and_its_page_offers_no_form()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var (editor, _) = await EditorOfAsync(outbreak);
        var path = RecordPath(outbreak, funder);
        var form = (await editor.GetPageAsync(path)).Form(path);
        form["Channel"] = "phone";
        form["Form.Acknowledged"] = "true";
        var admin = factory.CreateAdministratorClient();
        await (await admin.PostJsonAsync($"{outbreak.ApiUrl}/close", new System.Text.Json.Nodes.JsonObject())).AssertStatusAsync(HttpStatusCode.OK);

        var refused = await (await editor.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);

        Assert.Contains("takes no more answers", refused.Alert(), StringComparison.Ordinal);
        Assert.Null(refused.QuerySelector("form.edit-form"));
        Assert.Null((await editor.GetPageAsync(path)).QuerySelector("form.edit-form"));
        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_visitor_sees_no_link_and_an_unknown_funder_is_not_found()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var visitorPage = await factory.CreateClient().GetPageAsync(outbreak.Page);
        Assert.Null(visitorPage.QuerySelector("#record-answers-title"));

        var (editor, _) = await EditorOfAsync(outbreak);
        var other = await OutbreakData.CreateAsync(factory);
        var response = await editor.GetAsync($"{outbreak.Page}/responses/{other.Funders[0].ResponseId}/record", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
