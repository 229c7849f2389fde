using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Outbreaks.Notifications;
using HealthAccord.Web.Outbreaks.Responses;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>
/// Alerts from declaration to arrival: real SMTP and a real webhook receiver on loopback that checks the signature,
/// retries on the app's fake clock, abandonment, a lease left by a crashed sender, and a restart mid-way.
/// </summary>
public sealed class OutbreakDeliveryTests : IAsyncLifetime
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

    private static async Task<int> DeclareAsync(HealthAccordFactory app, FunderWorld world)
    {
        var editor = app.CreateClientAs(AccountRoles.Editor, partnerships: [world.PartnershipId]);
        var declared = await (await editor.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadJsonObjectAsync(HttpStatusCode.Created);
        return (int)declared["id"]!;
    }

    private static Task<List<OutboxMessage>> SettledAsync(HealthAccordFactory app, int outbreakId, int count) => Eventually.ReturnsAsync(
        () => OutboxRows.OfAsync(app, outbreakId),
        rows => rows.Count == count && rows.All(m => m.DeliveredAt is not null || m.AbandonedAt is not null),
        $"all {count} alerts of outbreak {outbreakId} to be delivered or abandoned");

    [Fact]
    public async Task A_declaration_alerts_each_member_funder_once_per_address_and_by_a_signed_webhook_and_marks_it_notified()
    {
        await using var app = new NotifyingFactory(_smtp);
        var hook = _receiver.Hook("both", "placeholder");
        var world = await FunderWorld.CreateAsync(app, 3, i => i switch
        {
            0 => ("alerts@funder-zero.example", hook),
            1 => ("Desk@funder-one.example", null),
            _ => (null, null),
        });
        _receiver.Hook("both", world.Funders[0].Secret!);
        // Funder one's representatives: one shares the alert address (in other letter case), one has their own.
        app.CreateAccount(AccountRoles.FunderRepresentative, organisation: world.Funders[1].OrganisationId, email: "desk@FUNDER-ONE.example");
        app.CreateAccount(AccountRoles.FunderRepresentative, organisation: world.Funders[1].OrganisationId, email: "head@funder-one.example");
        app.CreateAccount(AccountRoles.FunderRepresentative, organisation: world.Funders[2].OrganisationId, email: "rep@funder-two.example");
        // An observer with an alert address is not a funder of the partnership and is not alerted.
        var observer = await AddObserverAsync(app, world, "observer@who.example");

        var editor = app.CreateClientAs(AccountRoles.Editor, partnerships: [world.PartnershipId]);
        var declared = await (await editor.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadJsonObjectAsync(HttpStatusCode.Created);
        var id = (int)declared["id"]!;

        Assert.Equal(3, (int)declared["funders"]!);
        Assert.Equal(4, (int)declared["emailsQueued"]!);
        Assert.Equal(1, (int)declared["webhooksQueued"]!);
        var messages = await SettledAsync(app, id, 5);
        Assert.All(messages, m => Assert.NotNull(m.DeliveredAt));

        var mails = NotifyingFactory.Mails(_smtp);
        Assert.Equal(["alerts@funder-zero.example", "desk@funder-one.example", "head@funder-one.example", "rep@funder-two.example"],
            mails.Select(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).Order(StringComparer.Ordinal));
        var responses = await OutboxRows.ResponsesAsync(app, id);
        Assert.DoesNotContain(responses, r => r.OrganisationId == observer);
        var links = app.Services.GetRequiredService<ResponseLinks>();
        foreach (var mail in mails)
        {
            var message = messages.Single(m => m.Channel == OutboxChannel.Email && string.Equals(m.Recipient, mail.To.Mailboxes.Single().Address, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(EmailDelivery.MessageIdOf(message.DeduplicationKey, "healthaccord.test"), mail.MessageId);
            Assert.Equal("Outbreak declared: Marburg virus disease, Rwanda", mail.Subject);
            var text = mail.TextBody ?? "";
            Assert.Contains($"{NotifyingFactory.PublicBaseUrl}/outbreaks/{id}", text, StringComparison.Ordinal);
            Assert.Contains("Pathogen: Marburg virus disease", text, StringComparison.Ordinal);
            var respond = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(NotifyingFactory.PublicBaseUrl + "/respond/", StringComparison.Ordinal));
            var check = links.Check(Uri.UnescapeDataString(respond[(NotifyingFactory.PublicBaseUrl + "/respond/").Length..]));
            Assert.Equal(ResponseLinkState.Valid, check.State);
            Assert.Equal(message.ResponseId, check.ResponseId);
        }

        var webhook = Assert.Single(_receiver.Received);
        Assert.True(webhook.SignatureValid);
        Assert.Equal(messages.Single(m => m.Channel == OutboxChannel.Webhook).DeduplicationKey, webhook.DeliveryKey);
        Assert.Equal(HealthAccordFactory.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), webhook.Timestamp);
        var payload = JsonNode.Parse(webhook.Body)!;
        Assert.Equal(id, (int)payload["outbreakId"]!);
        Assert.Equal("marburg", (string)payload["pathogen"]!["code"]!);
        Assert.Equal("RW", (string)payload["countries"]![0]!);
        Assert.Equal("grade2", (string)payload["whoGrading"]!);
        Assert.False((bool)payload["isPheic"]!);
        Assert.Equal(world.Funders[0].OrganisationId, (int)payload["organisationId"]!);
        Assert.StartsWith(NotifyingFactory.PublicBaseUrl + "/respond/", (string)payload["links"]!["respond"]!, StringComparison.Ordinal);

        // Every funder reached by something is notified once, at the moment of delivery; the step says how.
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r =>
        {
            Assert.Equal(HealthAccordFactory.Now.UtcDateTime, r.NotifiedAt);
            var step = Assert.Single(r.Steps);
            Assert.Equal(ResponseStepKind.Notified, step.Kind);
            Assert.Equal(ResponseChannel.Notifier, step.Channel);
        });
    }

    private static async Task<int> AddObserverAsync(HealthAccordFactory app, FunderWorld world, string email)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var source = new List<SourceReference> { new() { Url = "https://example.org/source", Title = "Example source" } };
        var organisation = new Organisation { Name = "Observer of " + world.Slug, CountryCode = "CH", Sources = source };
        db.Add(organisation);
        db.Add(new Membership { PartnershipId = world.PartnershipId, Organisation = organisation, Role = MembershipRole.Observer, Sources = source });
        await db.SaveChangesAsync(Ct);
        db.FunderContacts.Add(new FunderContact { OrganisationId = organisation.Id, Email = email, UpdatedAt = app.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        return organisation.Id;
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_after_doubling_jittered_waits_and_counts_as_notified_when_it_finally_accepts()
    {
        await using var app = new NotifyingFactory(_smtp);
        var options = new DeliveryOptions();
        var world = await FunderWorld.CreateAsync(app, 1, _ => (null, _receiver.Hook("flaky", "unused")));
        _receiver.Hook("flaky", world.Funders[0].Secret!, call => call <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
        var id = await DeclareAsync(app, world);

        var first = await Eventually.ReturnsAsync(async () => Assert.Single(await OutboxRows.OfAsync(app, id)),
            m => m.Attempts == 1 && m.LockedBy is null, "the first attempt to be recorded");
        Assert.Contains("500", first.LastError, StringComparison.Ordinal);
        AssertWait(first, 1, options);
        Assert.Null(first.DeliveredAt);

        app.Advance(RetrySchedule.Longest(1, options));
        var second = await Eventually.ReturnsAsync(async () => Assert.Single(await OutboxRows.OfAsync(app, id)),
            m => m.Attempts == 2 && m.LockedBy is null, "the second attempt to be recorded");
        AssertWait(second, 2, options);
        Assert.Null(second.DeliveredAt);
        Assert.Null((await OutboxRows.ResponsesAsync(app, id)).Single().NotifiedAt);

        app.Advance(RetrySchedule.Longest(2, options));
        var delivered = await Eventually.ReturnsAsync(async () => Assert.Single(await OutboxRows.OfAsync(app, id)),
            m => m.DeliveredAt is not null, "the third attempt to deliver");
        Assert.Equal(3, delivered.Attempts);
        Assert.Null(delivered.LastError);
        Assert.Equal(3, _receiver.Received.Count);
        Assert.All(_receiver.Received, r => Assert.Equal(delivered.DeduplicationKey, r.DeliveryKey));
        Assert.Single(_receiver.Accepted);
        var response = (await OutboxRows.ResponsesAsync(app, id)).Single();
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, response.NotifiedAt);
        Assert.Single(response.Steps);
    }

    /// <summary>The wait after attempt n is the first wait doubled n-1 times, give or take the jitter.</summary>
    private static void AssertWait(OutboxMessage message, int attempts, DeliveryOptions options)
    {
        var wait = message.NextAttemptAt - message.LastAttemptAt!.Value;
        var nominal = options.FirstRetrySeconds * Math.Pow(2, attempts - 1);
        Assert.InRange(wait.TotalSeconds, nominal * (1 - RetrySchedule.Jitter) - 0.001, nominal * (1 + RetrySchedule.Jitter) + 0.001);
    }

    [Fact]
    public async Task A_refusing_webhook_is_abandoned_at_once_and_a_failing_one_after_the_last_attempt_with_the_reason_kept()
    {
        await using var app = new NotifyingFactory(_smtp, settings: new Dictionary<string, string> { ["Outbreaks:Delivery:MaxAttempts"] = "3" });
        var options = new DeliveryOptions();
        var world = await FunderWorld.CreateAsync(app, 2, i => (null, _receiver.Hook($"gone-{i}", "unused")));
        _receiver.Hook("gone-0", world.Funders[0].Secret!, _ => StatusCodes.Status410Gone);
        _receiver.Hook("gone-1", world.Funders[1].Secret!, _ => StatusCodes.Status503ServiceUnavailable);
        var id = await DeclareAsync(app, world);

        var rows = await Eventually.ReturnsAsync(() => OutboxRows.OfAsync(app, id),
            r => r.All(m => m.Attempts == 1 && m.LockedBy is null), "both first attempts");
        var refused = rows.Single(m => m.Recipient.EndsWith("/gone-0", StringComparison.Ordinal));
        Assert.NotNull(refused.AbandonedAt);
        Assert.Contains("410", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("refuses", refused.LastError, StringComparison.Ordinal);
        Assert.Null(rows.Single(m => m != refused).AbandonedAt);

        app.Advance(RetrySchedule.Longest(1, options));
        await Eventually.ReturnsAsync(() => OutboxRows.OfAsync(app, id), r => r.Any(m => m.Attempts == 2 && m.LockedBy is null), "the second attempt");
        app.Advance(RetrySchedule.Longest(2, options));
        var unavailable = await Eventually.ReturnsAsync(async () => (await OutboxRows.OfAsync(app, id)).Single(m => m.Recipient.EndsWith("/gone-1", StringComparison.Ordinal)),
            m => m.AbandonedAt is not null, "the failing webhook to be abandoned");
        Assert.Equal(3, unavailable.Attempts);
        Assert.Contains("503", unavailable.LastError, StringComparison.Ordinal);

        // Nothing more is tried once abandoned, however long one waits.
        app.Advance(TimeSpan.FromDays(1));
        await Task.Delay(300, Ct);
        Assert.Equal(1, _receiver.Received.Count(r => r.Hook == "gone-0"));
        Assert.Equal(3, _receiver.Received.Count(r => r.Hook == "gone-1"));
        Assert.All(await OutboxRows.ResponsesAsync(app, id), r => Assert.Null(r.NotifiedAt));
    }

    [Fact]
    public async Task A_message_held_by_a_sender_that_crashed_is_sent_once_its_lease_has_run_out_and_not_before()
    {
        await using var app = new NotifyingFactory(_smtp);
        var world = await FunderWorld.CreateAsync(app, 1, _ => (null, _receiver.Hook("leased", "unused")));
        _receiver.Hook("leased", world.Funders[0].Secret!);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        int outbreakId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var outbreak = new Outbreak
            {
                Title = "Written by a sender that then crashed",
                PathogenCode = "disease-x",
                TriggeredAt = now.AddHours(-1),
                DeclaredAt = now,
                QuorumShare = 0.5m,
                Sources = [new SourceReference { Url = "https://example.org/source", Title = "Example source" }],
                Responses = [new OutbreakResponse { OrganisationId = world.Funders[0].OrganisationId, CreatedAt = now }],
            };
            db.Outbreaks.Add(outbreak);
            await db.SaveChangesAsync(Ct);
            outbreakId = outbreak.Id;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Channel = OutboxChannel.Webhook,
                Recipient = world.Funders[0].WebhookUrl!,
                Body = "{\"outbreakId\":" + outbreak.Id + "}",
                DeduplicationKey = $"outbreak/{outbreak.Id}/response/{outbreak.Responses[0].Id}/webhook",
                OutbreakId = outbreak.Id,
                ResponseId = outbreak.Responses[0].Id,
                CreatedAt = now,
                NextAttemptAt = now,
                LockedBy = "a sender that crashed",
                LockedUntil = now.AddSeconds(new DeliveryOptions().LeaseSeconds),
            });
            await db.SaveChangesAsync(Ct);
        }

        app.Signal.Wake();
        await Task.Delay(500, Ct);
        Assert.Empty(_receiver.Received);
        app.Advance(TimeSpan.FromSeconds(new DeliveryOptions().LeaseSeconds + 1));
        var delivered = await Eventually.ReturnsAsync(async () => Assert.Single(await OutboxRows.OfAsync(app, outbreakId)),
            m => m.DeliveredAt is not null, "the message to be taken again and delivered");

        Assert.Equal(1, delivered.Attempts);
        Assert.Null(delivered.LockedBy);
        Assert.Single(_receiver.Received);
    }

    [Fact]
    public async Task Stopping_the_app_while_alerts_are_in_flight_and_starting_another_on_the_same_database_loses_and_repeats_nothing()
    {
        const int funders = 20;
        var folder = Directory.CreateTempSubdirectory("healthaccord-restart-").FullName;
        var database = Path.Combine(folder, "restart.db");
        // Small rounds of slow receivers: the stop comes while some alerts are being sent and most wait in the outbox.
        var settings = new Dictionary<string, string> { ["Outbreaks:Delivery:Parallelism"] = "2", ["Outbreaks:Delivery:BatchSize"] = "4" };
        try
        {
            int id;
            FunderWorld world;
            await using (var first = new NotifyingFactory(_smtp, database, settings))
            {
                world = await FunderWorld.CreateAsync(first, funders, i => ($"funder-{i}@restart.example", _receiver.Hook($"restart-{i}", "unused")));
                for (var i = 0; i < funders; i++) _receiver.Hook($"restart-{i}", world.Funders[i].Secret!, delay: TimeSpan.FromMilliseconds(150));
                id = await DeclareAsync(first, world);
                await Eventually.ReturnsAsync(() => _receiver.Received.Count + _smtp.ReceivedEmailCount, n => n >= 3, "the first alerts to arrive");
            }
            var atStop = await ReadAsync(database, id);
            Assert.True(atStop.Count(m => m.DeliveredAt is null) > 0, "The app finished sending before it was stopped; the test proves nothing.");
            Assert.All(atStop, m => Assert.Null(m.LockedBy));

            await using (var second = new NotifyingFactory(_smtp, database, settings))
            {
                second.Signal.Wake();
                var messages = await SettledAsync(second, id, funders * 2);
                Assert.All(messages, m => Assert.NotNull(m.DeliveredAt));
                Assert.All(await OutboxRows.ResponsesAsync(second, id), r =>
                {
                    Assert.NotNull(r.NotifiedAt);
                    Assert.Single(r.Steps);
                });
            }

            Assert.Equal(funders, _receiver.Received.Count);
            Assert.Equal(funders, _receiver.Received.Select(r => r.DeliveryKey).Distinct().Count());
            Assert.All(_receiver.Received, r => Assert.True(r.SignatureValid));
            var mails = NotifyingFactory.Mails(_smtp);
            Assert.Equal(funders, mails.Count);
            Assert.Equal(funders, mails.Select(m => m.MessageId).Distinct().Count());
            Assert.Equal(Enumerable.Range(0, funders).Select(i => $"funder-{i}@restart.example").Order(StringComparer.Ordinal),
                mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The outbox as the stopped app left it, read with no app running.</summary>
    private static async Task<List<OutboxMessage>> ReadAsync(string database, int outbreakId)
    {
        var options = new DbContextOptionsBuilder<HealthAccordDbContext>()
            .UseSqlite($"Data Source={database}").Options;
        await using var db = new HealthAccordDbContext(options);
        return [.. db.OutboxMessages.Where(m => m.OutbreakId == outbreakId)];
    }
}
