using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>Alerts written straight into the outbox, as the sender would have left them, for the tests of sending one again.</summary>
public static class TestAlerts
{
    /// <summary>
    /// An email alert to a funder of the outbreak: abandoned after eight attempts, or delivered. Its address is no address
    /// at all, so a sender that takes it again abandons it at once rather than reaching anyone.
    /// </summary>
    public static async Task<long> AddAsync(HealthAccordFactory factory, int outbreakId, int responseId, bool delivered = false)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Channel = OutboxChannel.Email,
            Recipient = "not an address",
            Subject = "Outbreak declared",
            Body = "An alert written by a test.",
            DeduplicationKey = $"test-alert/{Guid.NewGuid():N}",
            OutbreakId = outbreakId,
            ResponseId = responseId,
            CreatedAt = now,
            NextAttemptAt = now,
            Attempts = delivered ? 1 : 8,
            LastError = delivered ? null : "Refused by a test.",
            AbandonedAt = delivered ? null : now,
            DeliveredAt = delivered ? now : null,
        };
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return message.Id;
    }
}
