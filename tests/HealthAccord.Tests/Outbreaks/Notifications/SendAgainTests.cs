using System.Net;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>
/// Sending an abandoned alert again through the API and from the alerts page: its answers for every kind of refusal,
/// and the line each leaves in the history (naming the funder, never the address).
/// </summary>
public sealed class SendAgainTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<long> AlertAsync(TestOutbreak outbreak, bool delivered = false) =>
        TestAlerts.AddAsync(factory, outbreak.Id, outbreak.Funders[0].ResponseId, delivered);

    private Task<OutboxMessage> MessageAsync(long id) =>
        OutbreakData.ReadAsync(factory, db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct));

    private Task<List<ChangeSet>> ChangeSetsAboutAsync(string title) =>
        OutbreakData.ReadAsync(factory, db => db.ChangeSets.AsNoTracking().Where(c => c.Summary.Contains(title)).ToListAsync(Ct));

    [Fact]
    public async Task An_editor_sends_an_abandoned_alert_again_through_the_api_and_the_history_names_the_funder()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var alert = await AlertAsync(outbreak);
        var account = factory.CreateAccount(AccountRoles.Editor, [outbreak.PartnershipId]);
        var editor = factory.CreateClientWithToken(factory.CreateToken(account.Id));

        var row = await (await editor.PostAsync($"{outbreak.ApiUrl}/deliveries/{alert}/send-again", null, Ct)).ReadJsonObjectAsync(HttpStatusCode.OK);

        Assert.Equal(alert, (long)row["id"]!);
        Assert.Equal("queued", (string?)row["state"]);
        Assert.Equal(0, (int)row["attempts"]!);
        Assert.True((await MessageAsync(alert)).Attempts < 8);
        var change = Assert.Single(await ChangeSetsAboutAsync(outbreak.Title));
        Assert.Equal($"Sent the email alert to {outbreak.Funders[0].Name} about {outbreak.Title} again", change.Summary);
        Assert.Equal(account.Id, change.ActorId);
        Assert.Equal(ChangeSource.Api, change.Source);
        Assert.DoesNotContain("not an address", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_are_404_an_alert_not_abandoned_is_409_and_others_are_403_each_changing_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var abandoned = await AlertAsync(outbreak);
        var delivered = await AlertAsync(outbreak, delivered: true);
        var elsewhere = await AlertAsync(await OutbreakData.CreateAsync(factory));
        var editor = factory.CreateClientAs(AccountRoles.Editor, partnerships: [outbreak.PartnershipId]);

        var notAbandoned = await (await editor.PostAsync($"{outbreak.ApiUrl}/deliveries/{delivered}/send-again", null, Ct))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("This alert is not abandoned", (string?)notAbandoned["title"]);
        var unknown = await (await editor.PostAsync($"{outbreak.ApiUrl}/deliveries/{elsewhere}/send-again", null, Ct))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains($"{outbreak.Id}/{elsewhere}", (string?)unknown["detail"], StringComparison.Ordinal);
        await (await editor.PostAsync($"/api/v1/outbreaks/999999/deliveries/{abandoned}/send-again", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        var representative = factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: outbreak.Funders[0].OrganisationId);
        await (await representative.PostAsync($"{outbreak.ApiUrl}/deliveries/{abandoned}/send-again", null, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var otherEditor = factory.CreateClientAs(AccountRoles.Editor, partnerships: [(await OutbreakData.CreateAsync(factory)).PartnershipId]);
        await (await otherEditor.PostAsync($"{outbreak.ApiUrl}/deliveries/{abandoned}/send-again", null, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(8, (await MessageAsync(abandoned)).Attempts);
        Assert.NotNull((await MessageAsync(delivered)).DeliveredAt);
        Assert.Equal(8, (await MessageAsync(elsewhere)).Attempts);
        Assert.Empty(await ChangeSetsAboutAsync(outbreak.Title));
    }

    [Fact]
    public async Task Sending_again_from_the_alerts_page_is_recorded_too_and_an_alert_of_another_outbreak_is_not_found()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var alert = await AlertAsync(outbreak);
        var elsewhere = await AlertAsync(await OutbreakData.CreateAsync(factory));
        var account = factory.CreateAccount(AccountRoles.Editor, [outbreak.PartnershipId], password: HistoryAccounts.Password);
        var editor = await factory.SignInAsync(account);
        var page = $"/outbreaks/{outbreak.Id}/deliveries";

        var sent = await editor.PostFormAsync(page, new() { ["messageId"] = alert.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"{page}?handler=SendAgain");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var change = Assert.Single(await ChangeSetsAboutAsync(outbreak.Title));
        Assert.Equal(ChangeSource.Web, change.Source);
        Assert.Equal(account.Id, change.ActorId);

        var unknown = await editor.PostFormAsync(page, new() { ["messageId"] = elsewhere.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            $"{page}?handler=SendAgain");
        var refusal = await unknown.ReadPageAsync(HttpStatusCode.NotFound);
        Assert.Contains("not one of this outbreak's", refusal.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(8, (await MessageAsync(elsewhere)).Attempts);
    }
}
