using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace HealthAccord.Web.Email;

/// <summary>
/// One message through the configured SMTP server with MailKit, one connection per message; shared by the account
/// emails (<see cref="Mailer"/>) and the outbreak alerts, which differ only in what they do when it fails.
/// </summary>
public static class SmtpTransport
{
    public static async Task SendAsync(SmtpOptions smtp, MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    /// <summary>The ways the server or the network can fail a send; anything else is a bug and is not caught.</summary>
    public static bool IsTransportFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or ProtocolException or CommandException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException;
}
