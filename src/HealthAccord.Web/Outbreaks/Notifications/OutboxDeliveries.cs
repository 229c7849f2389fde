using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>Where an alert stands, as editors read it.</summary>
public enum DeliveryState
{
    Queued,
    Sending,
    Retrying,
    Delivered,
    Abandoned,
}

/// <summary>One alert of an outbreak: to whom, how, and how its delivery went.</summary>
public sealed record DeliveryRow(
    long Id, OutboxChannel Channel, string Recipient, int? OrganisationId, string? OrganisationName, DeliveryState State, int Attempts,
    DateTime CreatedAt, DateTime? LastAttemptAt, DateTime? NextAttemptAt, string? LastError, DateTime? DeliveredAt, DateTime? AbandonedAt);

/// <summary>A funder asked in an outbreak with no address to alert.</summary>
public sealed record UnreachableFunder(int OrganisationId, string Name);

/// <summary>
/// The alerts of one outbreak for the editors who answer for it, and sending an abandoned one again. Recipients are
/// funders' addresses, so only administrators and editors of a partnership concerned see them.
/// </summary>
public static class OutboxDeliveries
{
    public static async Task<bool> MayFollowAsync(AccountAccess access, System.Security.Claims.ClaimsPrincipal user, HealthAccordDbContext db, int outbreakId,
        CancellationToken ct)
    {
        var rights = await access.RightsOfAsync(user, ct);
        if (rights.IsAdministrator) return true;
        var partnerships = await db.Outbreaks.Where(o => o.Id == outbreakId).SelectMany(o => o.Partnerships.Select(p => p.Id)).ToListAsync(ct);
        return partnerships.Any(rights.Edits);
    }

    public static async Task<List<DeliveryRow>> ListAsync(HealthAccordDbContext db, TimeProvider clock, int outbreakId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.OutbreakId == outbreakId)
            .OrderBy(m => m.Id)
            .Select(m => new
            {
                Message = m,
                Organisation = db.OutbreakResponses.Where(r => r.Id == m.ResponseId).Select(r => new { r.OrganisationId, r.Organisation.Name }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var m = r.Message;
            var state = m.DeliveredAt is not null ? DeliveryState.Delivered
                : m.AbandonedAt is not null ? DeliveryState.Abandoned
                : m.LockedUntil is { } until && until > now ? DeliveryState.Sending
                : m.Attempts > 0 ? DeliveryState.Retrying
                : DeliveryState.Queued;
            return new DeliveryRow(m.Id, m.Channel, m.Recipient, r.Organisation?.OrganisationId, r.Organisation?.Name, state, m.Attempts, m.CreatedAt,
                m.LastAttemptAt, state is DeliveryState.Retrying or DeliveryState.Queued ? m.NextAttemptAt : null, m.LastError, m.DeliveredAt, m.AbandonedAt);
        })];
    }

    /// <summary>
    /// The funders asked in the outbreak that no alert could be written for: no alert address, no webhook and no
    /// representative with an email address. The "all funders notified" milestone cannot be reached until someone
    /// reaches them another way, so the page names them.
    /// </summary>
    public static Task<List<UnreachableFunder>> UnreachableAsync(HealthAccordDbContext db, int outbreakId, CancellationToken ct) =>
        db.OutbreakResponses.AsNoTracking()
            .Where(r => r.OutbreakId == outbreakId && r.NotifiedAt == null && !db.OutboxMessages.Any(m => m.ResponseId == r.Id))
            .OrderBy(r => r.Organisation.Name)
            .Select(r => new UnreachableFunder(r.OrganisationId, r.Organisation.Name))
            .ToListAsync(ct);

    /// <summary>
    /// Puts an abandoned alert back in the queue with a fresh count of attempts (the editor has fixed the cause, or
    /// wants one more try), as a line of the history in <paramref name="recording"/>. The last error stays until the next
    /// attempt replaces it. The caller wakes the sender once the change is committed, so it finds the alert due.
    /// </summary>
    public static async Task<SendAgainResult> SendAgainAsync(HealthAccordDbContext db, TimeProvider clock, ChangeRecording recording, int outbreakId,
        long messageId, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == messageId && m.OutbreakId == outbreakId)
            .Select(m => new
            {
                m.Channel,
                Funder = db.OutbreakResponses.Where(r => r.Id == m.ResponseId).Select(r => r.Organisation.Name).FirstOrDefault(),
                Outbreak = db.Outbreaks.Where(o => o.Id == m.OutbreakId).Select(o => o.Title).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (message is null) return SendAgainResult.NotFound;
        var now = clock.GetUtcNow().UtcDateTime;
        // Conditional, so two editors pressing at once queue it once and the second is told it is no longer abandoned.
        var requeued = await db.OutboxMessages
            .Where(m => m.Id == messageId && m.AbandonedAt != null && m.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AbandonedAt, (DateTime?)null).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null), ct);
        if (requeued == 0) return SendAgainResult.NotAbandoned;
        // The history is public to administrators only, but the recipient's address still stays out of it: the funder is named instead.
        var channel = message.Channel == OutboxChannel.Email ? "email" : "webhook";
        recording.RecordAction($"Sent the {channel} alert to {message.Funder ?? "a funder"} about {message.Outbreak} again");
        return SendAgainResult.Requeued;
    }
}

/// <summary>What became of a request to send an alert again.</summary>
public enum SendAgainResult
{
    Requeued,

    /// <summary>No alert with that id belongs to the outbreak.</summary>
    NotFound,

    /// <summary>The alert is queued, being sent or delivered: there is nothing to send again.</summary>
    NotAbandoned,
}
