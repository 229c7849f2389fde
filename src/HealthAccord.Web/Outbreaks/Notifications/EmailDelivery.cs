using System.Security.Cryptography;
using System.Text;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Email;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// Sends an email message of the outbox through the site's SMTP server (the <c>Email</c> settings), with a Message-Id
/// made from its deduplication key: the same alert sent twice carries the same id, which mail systems use to drop the
/// repeat. Unlike the account emails, failures are reported to the outbox so it can retry them, not only logged.
/// </summary>
public sealed class EmailDelivery(IOptions<EmailOptions> options)
{
    private readonly EmailOptions _options = options.Value;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.Smtp.Host))
            return DeliveryResult.Retry("No SMTP server is configured (Email:Smtp:Host), so the email waits.");
        MimeMessage mime;
        try
        {
            mime = Compose(message);
        }
        catch (ParseException)
        {
            return DeliveryResult.GiveUp($"'{message.Recipient}' is not an email address a message can be sent to.");
        }
        using (mime)
        {
            try
            {
                await SmtpTransport.SendAsync(_options.Smtp, mime, ct);
                return DeliveryResult.Delivered;
            }
            catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
            {
                return DeliveryResult.GiveUp($"The mail server refused the address: {(int)e.StatusCode} {e.Message}");
            }
            catch (Exception e) when ((SmtpTransport.IsTransportFailure(e) || e is OperationCanceledException) && !ct.IsCancellationRequested)
            {
                return DeliveryResult.Retry($"The mail server {_options.Smtp.Host}:{_options.Smtp.Port} did not take the email: {e.Message}");
            }
        }
    }

    private MimeMessage Compose(OutboxMessage message)
    {
        var from = MailboxAddress.Parse(_options.From);
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Subject = message.Subject ?? "";
        mime.MessageId = MessageIdOf(message.DeduplicationKey, from.Domain);
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }

    /// <summary>The same key always gives the same id; hashing keeps the address it contains out of the header.</summary>
    public static string MessageIdOf(string deduplicationKey, string? domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deduplicationKey)))[..40];
        return $"{hash}@{(string.IsNullOrWhiteSpace(domain) ? "healthaccord.invalid" : domain)}";
    }
}
