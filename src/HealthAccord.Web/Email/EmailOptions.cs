using MailKit.Security;

namespace HealthAccord.Web.Email;

/// <summary>The <c>Email</c> configuration section. With no <c>Email:Smtp:Host</c> the site sends no mail.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender, e.g. <c>HealthAccord &lt;registry@example.org&gt;</c>.</summary>
    public string From { get; set; } = "HealthAccord <no-reply@localhost>";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// Auto (TLS on port 465, STARTTLS where the server offers it), StartTls (required), SslOnConnect or None.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Sign in to the server only when a user name is given.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public int TimeoutSeconds { get; set; } = 20;
}
