using System.Security.Cryptography;
using System.Text;

namespace HealthAccord.Web.ApiTokens;

/// <summary>
/// A token's text and the digest that is stored instead of it. The text carries 256 random bits, so a plain
/// SHA-256 is enough: there is nothing to guess that a slow password hash would protect.
/// </summary>
public static class ApiTokenSecret
{
    /// <summary>How many leading characters of the text are kept to tell tokens apart.</summary>
    public const int PrefixLength = 12;

    public static string NewText() =>
        ApiTokenDefaults.TextPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string PrefixOf(string text) => text.Length <= PrefixLength ? text : text[..PrefixLength];

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
