using QRCoder;

namespace HealthAccord.Web.Account;

/// <summary>
/// The otpauth:// address an authenticator app scans, drawn as an SVG that the page embeds directly, so setting up
/// the second step needs no script and no image request that would carry the secret.
/// </summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "HealthAccord";

    public static string Uri(string accountEmail, string sharedKey) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(accountEmail)}" +
        $"?secret={sharedKey}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    public static string Svg(string otpauthUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpauthUri, QRCodeGenerator.ECCLevel.M);
        // A viewBox instead of fixed pixels lets the stylesheet size it.
        return new SvgQRCode(data).GetGraphic(4, "#1c2630", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The key in groups of four, for typing it in by hand.</summary>
    public static string Readable(string sharedKey) =>
        string.Join(' ', sharedKey.ToLowerInvariant().Chunk(4).Select(chunk => new string(chunk)));
}
