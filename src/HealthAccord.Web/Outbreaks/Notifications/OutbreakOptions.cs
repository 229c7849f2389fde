namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>The <c>Outbreaks</c> configuration section: declaration defaults and how alerts are delivered.</summary>
public sealed class OutbreakOptions
{
    public const string Section = "Outbreaks";

    /// <summary>The quorum share a declaration gets when the editor does not choose one.</summary>
    public decimal DefaultQuorumShare { get; set; } = 0.5m;

    /// <summary>
    /// The site's public address (e.g. <c>https://healthaccord.example.org</c>) for links in alerts. Without it the
    /// address of the request that declared the outbreak is used, which behind a proxy may be an internal one.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public DeliveryOptions Delivery { get; set; } = new();
}

/// <summary>The <c>Outbreaks:Delivery</c> section: the outbox sender's pace and patience.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often the sender looks for due messages when nothing wakes it.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>
    /// How long a taken message stays reserved for its sender. Longer than any one attempt can take (the SMTP and
    /// webhook timeouts), so a live sender never loses its message to another; a crashed sender's messages are taken
    /// again after this.
    /// </summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts before a message is abandoned (and shown to editors as such).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="MaxDelaySeconds"/>.</summary>
    public int FirstRetrySeconds { get; set; } = 30;

    public int MaxDelaySeconds { get; set; } = 3600;

    /// <summary>Messages taken in one round and sent at the same time.</summary>
    public int BatchSize { get; set; } = 50;

    public int Parallelism { get; set; } = 16;

    public int WebhookTimeoutSeconds { get; set; } = 15;
}
