using HealthAccord.Data.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Account;

/// <summary>
/// The one-time token in an invitation link. It is Identity's data-protection token with its own purpose and a
/// week's lifespan (a password reset link lives hours), and like a reset token it dies once a password is set,
/// because setting one changes the account's security stamp.
/// </summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtection,
    IOptions<InvitationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<HealthAccordUser>> logger)
    : DataProtectorTokenProvider<HealthAccordUser>(dataProtection, options, logger)
{
    public const string ProviderName = "Invitation";
    public const string Purpose = "SetFirstPassword";
}

public sealed class InvitationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenProviderOptions()
    {
        Name = InvitationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(7);
    }
}
