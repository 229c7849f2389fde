using System.Diagnostics.CodeAnalysis;

namespace HealthAccord.Data.Registry;

/// <summary>
/// Research Organization Registry identifiers: a leading 0, six Crockford base-32 characters and a
/// two-digit ISO/IEC 7064 MOD 97-10 checksum over the base-32 value (https://ror.readme.io/docs/identifier).
/// </summary>
public static class RorId
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const string UrlPrefix = "https://ror.org/";

    /// <summary>Accepts the bare id or the https://ror.org/ form; returns the lower-case bare id.</summary>
    public static bool TryNormalise(string? input, [NotNullWhen(true)] out string? rorId)
    {
        rorId = null;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var text = input.Trim().ToLowerInvariant();
        if (text.StartsWith(UrlPrefix, StringComparison.Ordinal)) text = text[UrlPrefix.Length..];
        if (!IsValid(text)) return false;
        rorId = text;
        return true;
    }

    public static bool IsValid(string? id)
    {
        if (id is null || id.Length != 9 || id[0] != '0') return false;
        long value = 0;
        for (var i = 0; i < 7; i++)
        {
            var digit = Alphabet.IndexOf(char.ToLowerInvariant(id[i]), StringComparison.Ordinal);
            if (digit < 0) return false;
            value = value * 32 + digit;
        }
        if (!char.IsAsciiDigit(id[7]) || !char.IsAsciiDigit(id[8])) return false;
        var checksum = (id[7] - '0') * 10 + (id[8] - '0');
        return checksum == Checksum(value);
    }

    private static long Checksum(long value) => 98 - (value * 100 % 97);

    public static string ToUrl(string rorId) => UrlPrefix + rorId;
}
