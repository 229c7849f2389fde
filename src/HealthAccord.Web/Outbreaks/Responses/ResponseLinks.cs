using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>
/// Makes and checks the signed links that let a funder answer an outbreak alert without an account. A token names
/// one response and when it stops working; it is encrypted and authenticated with the site's data-protection keys
/// (kept in the database, so every instance accepts every other's links). The expiry is checked against the injected
/// clock rather than the data-protection library's own, so tests can run a link past its end.
/// </summary>
public sealed class ResponseLinks(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    /// <summary>Long enough to cover the 48 hours and a weekend's delay in reading mail.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = dataProtection.CreateProtector("HealthAccord.Outbreaks.ResponseLink.v1");

    public string CreateToken(int responseId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        return _protector.Protect(FormattableString.Invariant($"{responseId}|{expires}"));
    }

    /// <summary>The path (without host) a funder follows to answer.</summary>
    public string CreatePath(int responseId) => "/respond/" + Uri.EscapeDataString(CreateToken(responseId));

    public ResponseLinkCheck Check(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) return ResponseLinkCheck.Invalid;
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return ResponseLinkCheck.Invalid;
        }
        var parts = payload.Split('|');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var responseId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
            return ResponseLinkCheck.Invalid;
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expires);
        return clock.GetUtcNow() >= expiresAt
            ? new ResponseLinkCheck(ResponseLinkState.Expired, responseId, expiresAt)
            : new ResponseLinkCheck(ResponseLinkState.Valid, responseId, expiresAt);
    }
}

public enum ResponseLinkState
{
    Invalid,
    Expired,
    Valid,
}

/// <summary>What a link token says, once checked; the response id is known only when the signature held.</summary>
public sealed record ResponseLinkCheck(ResponseLinkState State, int ResponseId, DateTimeOffset ExpiresAt)
{
    public static readonly ResponseLinkCheck Invalid = new(ResponseLinkState.Invalid, 0, default);
}
