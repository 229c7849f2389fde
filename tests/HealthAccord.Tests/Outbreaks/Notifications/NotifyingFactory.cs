using System.Globalization;
using System.Text;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Outbreaks.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>
/// The app sending outbreak alerts to a real SMTP server (netDumbster) that the test owns, so two apps started one
/// after the other on the same database (a restart) deliver to the same mailbox. With <paramref name="databasePath"/>
/// the app uses that SQLite file instead of a fresh one of its own.
/// </summary>
public sealed class NotifyingFactory(SimpleSmtpServer smtp, string? databasePath = null, IReadOnlyDictionary<string, string>? settings = null)
    : HealthAccordFactory
{
    public const string PublicBaseUrl = "https://healthaccord.test";

    protected override bool UsesSqliteFile => databasePath is null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (databasePath is not null) builder.UseSetting("ConnectionStrings:HealthAccord", $"Data Source={databasePath}");
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:From", "HealthAccord alerts <alerts@healthaccord.test>");
        builder.UseSetting("Outbreaks:PublicBaseUrl", PublicBaseUrl);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }

    public OutboxSignal Signal => Services.GetRequiredService<OutboxSignal>();

    /// <summary>Moves the app's clock on and wakes the sender, which may have set its timer just before the move.</summary>
    public void Advance(TimeSpan by)
    {
        Clock.Advance(by);
        Signal.Wake();
    }

    public static IReadOnlyList<MimeMessage> Mails(SimpleSmtpServer smtp) =>
        [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];
}
