using System.Net.Mail;
using System.Security.Cryptography;
using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Organisations;

/// <summary>Where an organisation takes outbreak alerts, as its representative fills it in.</summary>
public sealed class AlertContactForm
{
    public string? Email { get; set; }

    public string? WebhookUrl { get; set; }

    /// <summary>Ticked to replace the webhook's signing secret (when it may have leaked, or on a schedule).</summary>
    public bool NewSecret { get; set; }

    /// <summary>The contact's version when the form was opened; 0 for none yet.</summary>
    public int Version { get; set; }

    public static AlertContactForm From(FunderContact? contact) =>
        new() { Email = contact?.Email, WebhookUrl = contact?.WebhookUrl, Version = contact?.Version ?? 0 };

    /// <summary>Puts a message next to each field that cannot be used, and trims the rest.</summary>
    public void Check(ModelStateDictionary modelState, string prefix)
    {
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        WebhookUrl = string.IsNullOrWhiteSpace(WebhookUrl) ? null : WebhookUrl.Trim();
        if (Email is { } email && (email.Length > 320 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
            modelState.AddModelError($"{prefix}.{nameof(Email)}", "Give one email address, e.g. outbreaks@funder.org.");
        if (WebhookUrl is { } url && WebhookProblem(url) is { } problem)
            modelState.AddModelError($"{prefix}.{nameof(WebhookUrl)}", problem);
    }

    /// <summary>
    /// Alerts name the outbreak and carry a signature, so they go over HTTPS; plain HTTP only to the machine itself,
    /// where a receiver under test or a local relay listens.
    /// </summary>
    private static string? WebhookProblem(string url)
    {
        if (url.Length > Limits.Url) return $"Keep the address under {Limits.Url} characters.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "Give the full address of your receiver, starting with https://.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "Leave the user name and password out of the address; the signature proves who is calling.";
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback) return "Use https://; plain http:// is accepted only for this machine (localhost).";
        return null;
    }

    /// <summary>A new random signing secret, 256 bits written as hex, with a prefix that says what it is when found in a config file.</summary>
    public static string NewSigningSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
