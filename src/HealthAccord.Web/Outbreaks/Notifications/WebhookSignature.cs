using System.Security.Cryptography;
using System.Text;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// The signature a webhook receiver checks: HMAC-SHA256, keyed with the organisation's webhook secret, over the
/// timestamp header, a dot and the raw body, as lower-case hex after <c>sha256=</c>. The timestamp is inside what is
/// signed, so a receiver that refuses old timestamps also refuses a captured request replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryHeader = "X-HealthAccord-Delivery";
    public const string TimestampHeader = "X-HealthAccord-Timestamp";
    public const string SignatureHeader = "X-HealthAccord-Signature";

    public static string Sign(string secret, string timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a signature in constant time, as a receiver should.</summary>
    public static bool Verify(string secret, string timestamp, string body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
