using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// Delivers the outbox. Each round it takes the due messages with a lease (a conditional update that only one sender
/// can win, on PostgreSQL with several instances as on SQLite's single writer), sends them, and records the outcome
/// only after the send: delivered, or the error with the next attempt after an exponential, jittered back-off, or
/// abandoned after the last attempt or a refusal that retrying cannot mend.
/// </summary>
/// <remarks>
/// The delivery guarantee. A message is written in the same transaction as the outbreak, so it exists if and only if
/// the declaration does. It is marked delivered only after the receiver accepted it, so no crash loses it: a message
/// whose sender died is taken again once its lease runs out. A graceful stop (a deploy, a restart) takes no new
/// messages, lets those in flight finish and records them, and hands back the ones it had taken but not started, so a
/// restart neither loses nor repeats anything. Only a crash (power, kill -9) in the instant between the receiver's
/// acceptance and the commit of "delivered" can send a message twice; the repeat carries the same deduplication key
/// (the Message-Id of an email, the X-HealthAccord-Delivery header of a webhook), so receivers can drop it.
/// </remarks>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, OutboxSignal signal, Board.BoardChanges board, TimeProvider clock, IOptions<OutbreakOptions> options,
    ILogger<OutboxSender> logger)
    : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value.Delivery;

    /// <summary>Names this sender in the leases it takes, so it only ever records the messages it holds.</summary>
    public string Instance { get; } = NewInstanceName();

    private static string NewInstanceName()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length > 100 ? name[^100..] : name;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (the database briefly unavailable, most often), the messages are safe in the
                // outbox; the sender must live on to try again rather than stop the site with it.
                logger.LogError(e, "The outbox sender could not complete a round.");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            // A full batch suggests more are waiting: look again at once.
            if (taken >= _options.BatchSize) continue;
            try
            {
                await signal.WaitAsync(await UntilNextDueAsync(stoppingToken), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    /// <summary>The poll interval, or less when a retry falls due sooner.</summary>
    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(_options.PollSeconds);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var next = await db.OutboxMessages.Where(m => m.DeliveredAt == null && m.AbandonedAt == null)
            .Select(m => m.LockedUntil != null && m.LockedUntil > m.NextAttemptAt ? m.LockedUntil : (DateTime?)m.NextAttemptAt)
            .OrderBy(t => t).FirstOrDefaultAsync(ct);
        if (next is null) return poll;
        var wait = next.Value - clock.GetUtcNow().UtcDateTime;
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < poll ? wait : poll;
    }

    /// <summary>One round: takes up to a batch of due messages and delivers them. Returns how many it took.</summary>
    public async Task<int> RunOnceAsync(CancellationToken stoppingToken)
    {
        var claimed = await ClaimAsync(stoppingToken);
        if (claimed.Count == 0) return 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) };
        // Deliveries are not cancelled by the stop: one already started is finished (within its timeout) and recorded,
        // so a restart cannot leave it sent but unrecorded. Those not yet started when the stop comes are handed back.
        await Parallel.ForEachAsync(claimed, parallel, async (message, _) =>
        {
            if (stoppingToken.IsCancellationRequested)
            {
                await ReleaseAsync(message);
                return;
            }
            await DeliverAsync(message);
        });
        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.DeliveredAt == null && m.AbandonedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil <= now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(_options.BatchSize).ToListAsync(ct);
        var leaseEnd = now.AddSeconds(_options.LeaseSeconds);
        var claimed = new List<long>();
        foreach (var id in due)
        {
            // The conditions are checked again in the update itself: of two senders that both saw the message free, the
            // database lets exactly one change it, and the other's update matches no row.
            var won = await db.OutboxMessages
                .Where(m => m.Id == id && m.DeliveredAt == null && m.AbandonedAt == null && (m.LockedUntil == null || m.LockedUntil <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.LockedBy, Instance), ct);
            if (won == 1) claimed.Add(id);
        }
        return await db.OutboxMessages.AsNoTracking().Where(m => claimed.Contains(m.Id) && m.LockedBy == Instance).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private async Task DeliverAsync(OutboxMessage message)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        DeliveryResult result;
        try
        {
            if (message.Channel == OutboxChannel.Email)
            {
                result = await services.GetRequiredService<EmailDelivery>().SendAsync(message, CancellationToken.None);
            }
            else
            {
                var db = services.GetRequiredService<HealthAccordDbContext>();
                var secret = message.ResponseId is not { } responseId ? null
                    : await db.OutbreakResponses.Where(r => r.Id == responseId)
                        .Join(db.FunderContacts, r => r.OrganisationId, c => c.OrganisationId, (_, c) => c.WebhookSecret).SingleOrDefaultAsync();
                result = await services.GetRequiredService<WebhookDelivery>().SendAsync(message, secret, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure the channels do not expect (a setting the mail library cannot read, say) is still one
            // message's failed attempt: recorded and retried, not a sender stopped with the message held.
            logger.LogError(e, "Outbox message {Id} ({Channel}) failed unexpectedly.", message.Id, message.Channel);
            result = DeliveryResult.Retry($"Unexpected error: {e.Message}");
        }
        await RecordAsync(services.GetRequiredService<HealthAccordDbContext>(), message, result);
    }

    private async Task RecordAsync(HealthAccordDbContext db, OutboxMessage message, DeliveryResult result)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var attempts = message.Attempts + 1;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == Instance && m.DeliveredAt == null);
        int updated;
        if (result.Succeeded)
        {
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.DeliveredAt, now).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastAttemptAt, now)
                .SetProperty(m => m.LastError, (string?)null).SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null));
            if (updated == 1 && message.ResponseId is { } responseId) await MarkNotifiedAsync(db, responseId, message, now);
        }
        else
        {
            var error = result.Error!.Length > Limits.Note ? result.Error[..Limits.Note] : result.Error;
            var abandon = result.Permanent || attempts >= _options.MaxAttempts;
            DateTime? abandonedAt = abandon ? now : null;
            var next = abandon ? message.NextAttemptAt : now + RetrySchedule.After(attempts, _options, Random.Shared.NextDouble());
            updated = await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastAttemptAt, now).SetProperty(m => m.LastError, error)
                .SetProperty(m => m.AbandonedAt, abandonedAt).SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null));
            if (abandon) logger.LogWarning("Gave up on outbox message {Id} ({Channel}) after {Attempts} attempts: {Error}", message.Id, message.Channel, attempts, error);
            else logger.LogInformation("Outbox message {Id} ({Channel}) failed, attempt {Attempts}: {Error}", message.Id, message.Channel, attempts, error);
        }
        if (updated == 0)
        {
            // The lease ran out while sending and another sender holds the message now; it records its own attempt.
            logger.LogWarning("Outbox message {Id} was taken by another sender before this one could record its attempt.", message.Id);
        }
        await transaction.CommitAsync();
        // A delivery can reach the "all funders notified" milestone: open boards re-read now rather than at their next tick.
        if (result.Succeeded && updated == 1 && message.OutbreakId is { } outbreakId) board.Publish(outbreakId);
    }

    /// <summary>The first delivered alert of a funder is when it was notified; later ones (a second address) change nothing.</summary>
    private static async Task MarkNotifiedAsync(HealthAccordDbContext db, int responseId, OutboxMessage message, DateTime now)
    {
        var first = await db.OutbreakResponses.Where(r => r.Id == responseId && r.NotifiedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.NotifiedAt, now));
        if (first == 0) return;
        db.OutbreakResponseSteps.Add(new OutbreakResponseStep
        {
            ResponseId = responseId,
            Kind = ResponseStepKind.Notified,
            At = now,
            Channel = ResponseChannel.Notifier,
            ActorName = message.Channel == OutboxChannel.Email ? $"Email to {message.Recipient}" : "Webhook",
        });
        await db.SaveChangesAsync();
    }

    private async Task ReleaseAsync(OutboxMessage message)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        await db.OutboxMessages.Where(m => m.Id == message.Id && m.LockedBy == Instance)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null));
    }
}
