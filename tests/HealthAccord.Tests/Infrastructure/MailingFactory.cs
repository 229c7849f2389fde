using System.Text;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using netDumbster.smtp;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>
/// The app with email switched on, sending to a real SMTP server (netDumbster) that listens on a free loopback port
/// for this factory alone. Tests read what arrived as a mail client would, with MimeKit.
/// </summary>
public sealed class MailingFactory : HealthAccordFactory
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", _smtp.Configuration.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:From", "HealthAccord tests <registry@example.org>");
        builder.UseSetting("Site:PublicUrl", "http://localhost/");
    }

    /// <summary>The newest message to this address, waiting up to ten seconds for it to arrive.</summary>
    public async Task<MimeMessage> WaitForMailToAsync(string address)
    {
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            var received = _smtp.ReceivedEmail
                .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
                .LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (received is not null) return received;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"No email to {address} arrived; {_smtp.ReceivedEmailCount} other(s) did.");
    }

    /// <summary>The one http(s) link in a message's text, made relative so the test client can follow it.</summary>
    public static string LinkIn(MimeMessage message)
    {
        var link = (message.TextBody ?? "").Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Single(word => word.StartsWith("http://", StringComparison.Ordinal) || word.StartsWith("https://", StringComparison.Ordinal));
        return new Uri(link).PathAndQuery;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _smtp.Stop();
        _smtp.Dispose();
    }
}
