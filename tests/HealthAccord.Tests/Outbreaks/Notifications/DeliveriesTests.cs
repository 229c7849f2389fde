using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using netDumbster.smtp;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>Failures shown to editors: the alerts page and its JSON, and sending an abandoned alert again.</summary>
public sealed class DeliveriesTests : IAsyncLifetime
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start();
    private WebhookReceiver _receiver = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _smtp.Stop();
        _smtp.Dispose();
    }

    [Fact]
    public async Task Editors_see_each_alert_with_its_state_and_reason_and_send_an_abandoned_one_again()
    {
        await using var app = new NotifyingFactory(_smtp);
        var world = await FunderWorld.CreateAsync(app, 2, i => i == 0 ? ("ok@funder.example", null) : (null, _receiver.Hook("refusing", "unused")));
        // Refuses the first call as a misconfigured receiver would, then accepts once its owner has fixed it.
        _receiver.Hook("refusing", world.Funders[1].Secret!, call => call == 1 ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
        var editorAccount = app.CreateAccount(AccountRoles.Editor, [world.PartnershipId], password: HistoryAccounts.Password);
        var editorApi = app.CreateClientWithToken(app.CreateToken(editorAccount.Id));
        var declared = await (await editorApi.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadJsonObjectAsync(HttpStatusCode.Created);
        var id = (int)declared["id"]!;
        await Eventually.ReturnsAsync(() => OutboxRows.OfAsync(app, id), rows => rows.All(m => m.DeliveredAt is not null || m.AbandonedAt is not null), "both alerts to settle");

        var rows = (await editorApi.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/outbreaks/{id}/deliveries", Ct))!;
        Assert.Equal(2, rows.Count);
        var email = rows.Single(r => (string)r!["channel"]! == "email")!;
        var hook = rows.Single(r => (string)r!["channel"]! == "webhook")!;
        Assert.Equal("delivered", (string)email["state"]!);
        Assert.Equal("ok@funder.example", (string)email["recipient"]!);
        Assert.Equal(world.Funders[0].Name, (string)email["organisationName"]!);
        Assert.Equal("abandoned", (string)hook["state"]!);
        Assert.Contains("404", (string)hook["lastError"]!, StringComparison.Ordinal);
        Assert.Equal(1, (int)hook["attempts"]!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/outbreaks/{id}/deliveries", Ct)).StatusCode);
        var representative = app.CreateClientAs(AccountRoles.FunderRepresentative, organisation: world.Funders[0].OrganisationId);
        await (await representative.GetAsync($"/api/v1/outbreaks/{id}/deliveries", Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await editorApi.GetAsync("/api/v1/outbreaks/999999/deliveries", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);

        var editor = await app.SignInAsync(editorAccount);
        var page = await editor.GetPageAsync($"/outbreaks/{id}/deliveries");
        Assert.Equal("1 of 2 delivered, 1 abandoned.", page.GetElementById("delivery-summary")!.TextContent.Split('\n').Select(l => l.Trim()).Aggregate((a, b) => $"{a} {b}").Trim());
        var abandoned = page.QuerySelector("tr[data-state='Abandoned']")!;
        Assert.Contains("404", abandoned.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("tr[data-state='Delivered'] form"));
        Assert.Null(page.GetElementById("unreachable"));

        var response = await editor.PostFormAsync($"/outbreaks/{id}/deliveries",
            new() { ["messageId"] = abandoned.GetAttribute("data-id")! }, $"/outbreaks/{id}/deliveries?handler=SendAgain");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await Eventually.ReturnsAsync(() => OutboxRows.OfAsync(app, id), r => r.All(m => m.DeliveredAt is not null), "the alert sent again to be delivered");
        Assert.Equal(2, _receiver.Received.Count(r => r.Hook == "refusing"));
        var after = await editor.GetPageAsync($"/outbreaks/{id}/deliveries");
        Assert.Equal(2, after.QuerySelectorAll("tr[data-state='Delivered']").Length);
        Assert.All(await OutboxRows.ResponsesAsync(app, id), r => Assert.NotNull(r.NotifiedAt));

        // Sending again what is no longer abandoned changes nothing and says so.
        var twice = await editor.PostFormAsync($"/outbreaks/{id}/deliveries",
            new() { ["messageId"] = abandoned.GetAttribute("data-id")! }, $"/outbreaks/{id}/deliveries?handler=SendAgain");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task A_funder_with_no_address_is_named_as_unreachable_with_a_link_to_its_alert_settings()
    {
        await using var app = new NotifyingFactory(_smtp);
        var world = await FunderWorld.CreateAsync(app, 2, i => i == 0 ? ("reachable@funder.example", null) : (null, null));
        var editorAccount = app.CreateAccount(AccountRoles.Editor, [world.PartnershipId], password: HistoryAccounts.Password);
        var editorApi = app.CreateClientWithToken(app.CreateToken(editorAccount.Id));
        var declared = await (await editorApi.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadJsonObjectAsync(HttpStatusCode.Created);
        var id = (int)declared["id"]!;
        await Eventually.ReturnsAsync(() => OutboxRows.OfAsync(app, id), rows => rows.All(m => m.DeliveredAt is not null), "the one alert to be delivered");

        var page = await (await app.SignInAsync(editorAccount)).GetPageAsync($"/outbreaks/{id}/deliveries");

        var unreachable = page.GetElementById("unreachable")!;
        Assert.Contains("1 funder has no way to be alerted", unreachable.TextContent, StringComparison.Ordinal);
        Assert.Contains(world.Funders[1].Name, unreachable.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(world.Funders[0].Name, unreachable.TextContent, StringComparison.Ordinal);
        Assert.NotNull(unreachable.QuerySelector($"a[href='/organisations/{world.Funders[1].OrganisationId}/alerts']"));
    }
}
