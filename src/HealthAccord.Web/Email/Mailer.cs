using Microsoft.Extensions.Options;
using MimeKit;

namespace HealthAccord.Web.Email;

public enum MailOutcome
{
    Sent,

    /// <summary>The site has no SMTP server configured.</summary>
    Disabled,

    /// <summary>The server could not be reached or refused the message; the reason is in the log.</summary>
    Failed,
}

/// <summary>
/// Sends plain-text mail through the configured SMTP server with MailKit, one connection per message: the site
/// sends a handful of account emails, not newsletters. Message bodies carry one-time links, so they are never logged.
/// </summary>
public sealed class Mailer(IOptions<EmailOptions> options, ILogger<Mailer> logger)
{
    private readonly EmailOptions _options = options.Value;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(_options.Smtp.Host);

    /// <summary>Logs once at start whether mail goes out, so a missing setting is noticed before a user is invited.</summary>
    public void LogStatus()
    {
        if (IsEnabled) logger.LogInformation("Email goes out through {Host}:{Port}.", _options.Smtp.Host, _options.Smtp.Port);
        else logger.LogWarning("Email is disabled: no Email:Smtp:Host is configured, so invitation and password links cannot be sent.");
    }

    /// <summary>Logs that an email of this kind was not sent because mail is off; callers skip making its link.</summary>
    public MailOutcome ReportDisabled(string kind)
    {
        logger.LogWarning("Email is disabled (no Email:Smtp:Host): the {Kind} email was not sent.", kind);
        return MailOutcome.Disabled;
    }

    /// <summary>Sends one message; <paramref name="kind"/> names it in the log (e.g. "invitation") instead of its content.</summary>
    public async Task<MailOutcome> SendAsync(string to, string subject, string body, string kind, CancellationToken ct)
    {
        if (!IsEnabled) return ReportDisabled(kind);

        try
        {
            using var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(_options.From));
            message.To.Add(MailboxAddress.Parse(to));
            message.Subject = subject;
            message.Body = new TextPart("plain") { Text = body };
            await SmtpTransport.SendAsync(_options.Smtp, message, ct);
            logger.LogInformation("Sent the {Kind} email.", kind);
            return MailOutcome.Sent;
        }
        catch (Exception e) when (IsDeliveryFailure(e))
        {
            // The exception names the server and what it answered (or the address it could not parse), not the body.
            logger.LogError(e, "Could not send the {Kind} email through {Host}:{Port}.", kind, _options.Smtp.Host, _options.Smtp.Port);
            return MailOutcome.Failed;
        }
    }

    private static bool IsDeliveryFailure(Exception e) => e is ParseException || SmtpTransport.IsTransportFailure(e);
}
