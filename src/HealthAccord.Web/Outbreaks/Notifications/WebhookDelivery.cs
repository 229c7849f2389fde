using System.Globalization;
using System.Net;
using System.Text;
using HealthAccord.Data.Outbreaks;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// POSTs a webhook message's JSON, signed (see <see cref="WebhookSignature"/>) and carrying its deduplication key in
/// <c>X-HealthAccord-Delivery</c>, so a receiver can drop the rare repeat. A 2xx answer is a delivery; a 4xx other than
/// 408 and 429 means the receiver refuses this request as it is, so sending it again cannot help; anything else (5xx,
/// timeouts, refused connections) is retried.
/// </summary>
public sealed class WebhookDelivery(IHttpClientFactory clients, TimeProvider clock)
{
    public const string ClientName = "outbreak-webhooks";

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret))
            return DeliveryResult.GiveUp("The organisation's webhook has no signing secret; set the alert contact again to make one.");
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Recipient)
        {
            Content = new StringContent(message.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.DeliveryHeader, message.DeduplicationKey);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, message.Body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return DeliveryResult.Delivered;
            var said = $"The webhook answered {status} {response.ReasonPhrase}";
            return status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                ? DeliveryResult.GiveUp($"{said}: the receiver refuses this request, so it is not sent again until an editor asks.")
                : DeliveryResult.Retry($"{said}.");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Retry($"The webhook could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return DeliveryResult.Retry("The webhook did not answer in time.");
        }
    }
}
