namespace HealthAccord.Data.Outbreaks;

/// <summary>
/// A notification waiting to go out, written in the same transaction as what caused it, so a crash cannot lose it;
/// a background sender delivers it with retries and back-off and marks it delivered or, after the last attempt,
/// abandoned, which editors see.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public OutboxChannel Channel { get; set; }

    /// <summary>An email address or a webhook URL.</summary>
    public required string Recipient { get; set; }
    public string? Subject { get; set; }

    /// <summary>The plain-text email body or the webhook's JSON payload.</summary>
    public required string Body { get; set; }

    /// <summary>
    /// Unique per intended delivery (e.g. <c>outbreak/7/response/12/email/ops@funder.org</c>), so writing the same
    /// notification twice queues it once. Sent with the message (Message-Id, a delivery header) so a receiver can
    /// drop the one duplicate a crash between sending and recording could cause.
    /// </summary>
    public required string DeduplicationKey { get; set; }

    public int? OutbreakId { get; set; }
    public int? ResponseId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Set by the sender that took the message, until when no other sender may take it.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>When the sender gave up after its last attempt; an editor may queue it again.</summary>
    public DateTime? AbandonedAt { get; set; }
}

public enum OutboxChannel
{
    Email,
    Webhook,
}
