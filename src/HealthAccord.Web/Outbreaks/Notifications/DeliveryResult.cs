namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>What one attempt to deliver an outbox message came to.</summary>
/// <param name="Error">Why it failed, in words an editor can act on; null when delivered.</param>
/// <param name="Permanent">A failure that retrying cannot mend (a refused address, a 4xx from the webhook), so the message is abandoned at once.</param>
public sealed record DeliveryResult(string? Error, bool Permanent)
{
    public static readonly DeliveryResult Delivered = new(null, false);

    public bool Succeeded => Error is null;

    public static DeliveryResult Retry(string error) => new(error, false);

    public static DeliveryResult GiveUp(string error) => new(error, true);
}
