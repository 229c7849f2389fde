using System.Text;
using HealthAccord.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthAccord.Web.Account;

public enum PasswordLinkPurpose
{
    /// <summary>A new account's first password, from an administrator's invitation.</summary>
    Invitation,

    /// <summary>A forgotten password.</summary>
    Reset,
}

/// <summary>
/// Builds and checks the one-time links that let a person set a password. Links point at <c>Site:PublicUrl</c> when it
/// is configured; otherwise at the address the request came to, which a forged Host header could change, so set it
/// on a public server. The CLI has no request and falls back to http://localhost:5000.
/// </summary>
public sealed class PasswordLinks(UserManager<HealthAccordUser> users, IConfiguration configuration)
{
    public const string PublicUrlSetting = "Site:PublicUrl";

    public async Task<string> CreateAsync(HealthAccordUser user, PasswordLinkPurpose purpose, HttpRequest? request)
    {
        var token = purpose == PasswordLinkPurpose.Invitation
            ? await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose)
            : await users.GeneratePasswordResetTokenAsync(user);
        var query = new Dictionary<string, string?>
        {
            ["user"] = user.Id,
            ["purpose"] = purpose == PasswordLinkPurpose.Invitation ? "invitation" : "reset",
            // Identity's tokens are base64 with characters that do not survive every mail client unescaped.
            ["code"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)),
        };
        return QueryHelpers.AddQueryString(new Uri(BaseUri(request), "account/set-password").ToString(), query);
    }

    /// <summary>Sets the password if the link's code is still good; the result's errors say what was wrong.</summary>
    public async Task<IdentityResult> SetPasswordAsync(HealthAccordUser user, PasswordLinkPurpose purpose, string code, string password)
    {
        string token;
        try
        {
            token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return IdentityResult.Failed(InvalidLink);
        }
        if (purpose == PasswordLinkPurpose.Reset)
        {
            var reset = await users.ResetPasswordAsync(user, token, password);
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? IdentityResult.Failed(InvalidLink) : reset;
        }
        if (!await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token))
            return IdentityResult.Failed(InvalidLink);
        // Validate before removing anything, so a weak password leaves the account as it was.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) return check;
        }
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded) return added;
        // Following the emailed link proves the address.
        user.EmailConfirmed = true;
        return await users.UpdateAsync(user);
    }

    public static readonly IdentityError InvalidLink = new()
    {
        Code = "InvalidLink",
        Description = "This link is no longer valid: it was used already, it expired, or a newer one was sent. Ask for a new one.",
    };

    private Uri BaseUri(HttpRequest? request)
    {
        var configured = configuration[PublicUrlSetting];
        var text = !string.IsNullOrWhiteSpace(configured) ? configured
            : request is not null ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : "http://localhost:5000";
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
