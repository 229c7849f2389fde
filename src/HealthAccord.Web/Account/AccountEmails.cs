using HealthAccord.Data.Accounts;
using HealthAccord.Web.Email;

namespace HealthAccord.Web.Account;

/// <summary>The two emails accounts need, in plain words; each carries a one-time link to set a password.</summary>
public sealed class AccountEmails(Mailer mailer, PasswordLinks links)
{
    public async Task<MailOutcome> SendInvitationAsync(HealthAccordUser user, string invitedBy, HttpRequest request, CancellationToken ct)
    {
        if (!mailer.IsEnabled) return mailer.ReportDisabled("invitation");
        var link = await links.CreateAsync(user, PasswordLinkPurpose.Invitation, request);
        var body = $"""
            Hello {user.Label},

            {invitedBy} has given you an account on HealthAccord, the registry of international health research partnerships.

            Choose your password here (the link works once, for seven days):
            {link}

            Then sign in with this email address. If you did not expect this, you can ignore this email.
            """;
        return await mailer.SendAsync(user.Email!, "Your HealthAccord account", body, "invitation", ct);
    }

    public async Task<MailOutcome> SendPasswordResetAsync(HealthAccordUser user, HttpRequest request, CancellationToken ct)
    {
        if (!mailer.IsEnabled) return mailer.ReportDisabled("password reset");
        var link = await links.CreateAsync(user, PasswordLinkPurpose.Reset, request);
        var body = $"""
            Hello {user.Label},

            Someone, probably you, asked to reset the password of your HealthAccord account.

            Choose a new password here (the link works once, for three hours):
            {link}

            If you did not ask, ignore this email: your password stays as it is.
            """;
        return await mailer.SendAsync(user.Email!, "Reset your HealthAccord password", body, "password reset", ct);
    }
}
