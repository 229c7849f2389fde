using System.Net;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// The "send again" button of an outbreak's alerts page. What it changes is an outbox message, which the world's
/// snapshot does not hold, so its cells look at the message itself: put back in the queue, or left abandoned.
/// </summary>
public sealed partial class PageWriteMatrixTests
{
    [Fact]
    public async Task Sending_an_abandoned_alert_again_is_for_administrators_and_editors_of_the_outbreak()
    {
        var failures = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var world = await WriteWorld.CreateAsync(factory);
            var (outbreakId, messageId) = await AbandonedAlertAsync(world);
            var client = await ClientOfAsync(caller, world);
            var allowed = caller is Caller.Administrator or Caller.EditorOfThePartnership;
            var fields = new Dictionary<string, string>
            {
                ["messageId"] = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["__RequestVerificationToken"] = await TokenOfAsync(client, caller),
            };
            using var body = new FormUrlEncodedContent(fields);
            var response = await client.PostAsync($"/outbreaks/{outbreakId}/deliveries?handler=SendAgain", body, Ct);

            var requeued = await RequeuedAsync(messageId);
            var location = response.Headers.Location?.OriginalString ?? "";
            if (allowed && (response.StatusCode != HttpStatusCode.Redirect || !requeued))
                failures.Add($"{caller}: expected the alert queued again, got {(int)response.StatusCode} {location}, requeued {requeued}");
            if (!allowed)
            {
                var refused = caller == Caller.Anonymous
                    ? location.Contains("/account/signin", StringComparison.Ordinal)
                    : location.Contains("/account/denied", StringComparison.Ordinal) || response.StatusCode == HttpStatusCode.Forbidden;
                if (!refused) failures.Add($"{caller}: expected a refusal, got {(int)response.StatusCode} {location}");
                if (requeued) failures.Add($"{caller}: refused, yet the alert was queued again");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<(int OutbreakId, long MessageId)> AbandonedAlertAsync(WriteWorld world)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var outbreak = new Outbreak
        {
            Title = "An outbreak of the page matrix",
            PathogenCode = "disease-x",
            TriggeredAt = now.AddHours(-1),
            DeclaredAt = now,
            QuorumShare = 0.5m,
            Sources = [new SourceReference { Url = "https://example.org/source", Title = "Example source" }],
            Partnerships = [await db.Partnerships.SingleAsync(p => p.Id == world.PartnershipId, Ct)],
        };
        db.Outbreaks.Add(outbreak);
        await db.SaveChangesAsync(Ct);
        // An address that is no email address: the sender abandons it at once, should it ever be queued again here.
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Email,
            Recipient = "not an address",
            Subject = "Outbreak declared",
            Body = "An alert of the page matrix.",
            DeduplicationKey = $"matrix/{Guid.NewGuid():N}",
            OutbreakId = outbreak.Id,
            CreatedAt = now,
            NextAttemptAt = now,
            Attempts = 8,
            LastError = "Refused by the matrix.",
            AbandonedAt = now,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(Ct);
        return (outbreak.Id, message.Id);
    }

    /// <summary>Queued again: its attempts counted afresh. The sender may have tried (and abandoned) it since, but not eight times.</summary>
    private async Task<bool> RequeuedAsync(long messageId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.OutboxMessages.Where(m => m.Id == messageId).Select(m => m.Attempts).SingleAsync(Ct) < 8;
    }
}
