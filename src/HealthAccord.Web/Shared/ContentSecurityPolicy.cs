using System.Buffers.Text;
using System.Security.Cryptography;

namespace HealthAccord.Web.Shared;

/// <summary>
/// The Content-Security-Policy headers. The site's own pages carry no script and no inline style at all, so their
/// policy allows nothing but files from the site itself. The interactive API reference is a third-party single-page
/// app: its page gets a policy of its own, with a fresh nonce for the script tags the Scalar package writes and
/// hashes for the few fixed style snippets its bundle injects — never 'unsafe-inline'.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>Every page and API answer: same-origin files only, no plugins, no framing, forms post only here.</summary>
    public const string Site =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Inline styles that the Scalar bundle (Scalar.AspNetCore 2.19.0, @scalar/api-reference 1.77.0) injects at run
    // time without a nonce: its theme stylesheet and its toast library's stylesheet (elements), and two fixed style
    // attributes (a scrollbar-width probe and a placeholder). The browser test of /api/ fails with the new hash in its
    // message when an upgrade of the package changes one of them.
    private const string ApiReferenceStyleElementHashes =
        "'sha256-T13Uev3xCax2N28XaoAE8DOzQZKvPp7ZQVAi1iRREjo=' 'sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI='";

    private const string ApiReferenceStyleAttributeHashes =
        "'sha256-im4bR8m0i9OTwS6FwAG4MKlk4URQdZkDu1Tx9kDpKNw=' 'sha256-v6FGbsebOHJ39qjwyswuNyhVylA7DHti/pqoiIvwbXQ=' " +
        "'sha256-gLedmWUKlX4duI188UZWTf2DMrVwlDK3EWH+9mk9wdE='";

    /// <summary>
    /// The API reference page: its scripts and stylesheet by this response's nonce, the injected styles by hash
    /// ('unsafe-hashes' lets a hash match a style attribute, and only those exact values), images also as data: URLs
    /// (the bundle's icons are CSS masks written that way).
    /// </summary>
    public static string ApiReference(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; " +
        $"style-src 'self' 'nonce-{nonce}' {ApiReferenceStyleElementHashes}; " +
        $"style-src-elem 'self' 'nonce-{nonce}' {ApiReferenceStyleElementHashes}; " +
        $"style-src-attr 'unsafe-hashes' {ApiReferenceStyleAttributeHashes}; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A fresh unpredictable nonce (128 bits) for one response, in URL-safe base64: no character in it needs escaping in
    /// an HTML attribute, so the value on the tags is the one in the header.
    /// </summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
