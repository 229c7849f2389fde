namespace HealthAccord.Data.Outbreaks;

/// <summary>
/// Where an organisation wants outbreak alerts: an email address, a webhook, or both. The webhook's secret signs each
/// POST (HMAC-SHA256) so the receiver can tell it came from this site; it is stored because signing needs it.
/// </summary>
public sealed class FunderContact
{
    public int OrganisationId { get; set; }
    public string? Email { get; set; }
    public string? WebhookUrl { get; set; }
    public string? WebhookSecret { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
