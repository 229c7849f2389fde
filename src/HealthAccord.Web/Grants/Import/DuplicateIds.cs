using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Remembers each grant identifier of a file with the row it first appeared on, to report a repeat on its second
/// occurrence. It keeps a 128-bit hash of each identifier rather than the string: about 36 bytes a grant instead of
/// 100 or more, so a million-grant file costs about 36 MB. The hash is XxHash128 with a seed drawn per file, so no
/// one can prepare identifiers that collide; two different identifiers share a hash with a probability near 10^-27
/// for a million grants. (SHA-256 did the same job but took a quarter of the time to read a grant.)
/// </summary>
/// <remarks>
/// The hashes are spread over 256 dictionaries by their top byte. One dictionary doubles its arrays as it grows, and
/// while it copies them the old and the new arrays are both alive: at a million grants that was a 35 MB array beside
/// an 18 MB one, the largest single demand on the import's capped heap. Spread out, each growth copies a 256th of that.
/// </remarks>
internal sealed class DuplicateIds
{
    private readonly Dictionary<Hash, int>?[] _firstRow = new Dictionary<Hash, int>?[256];
    private readonly long _seed = Random.Shared.NextInt64();

    /// <summary>Records the identifier; returns the row of its first occurrence when it was seen before.</summary>
    public int? Add(string identifier, int row)
    {
        var value = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(identifier.AsSpan()), _seed);
        var key = new Hash((ulong)value, (ulong)(value >> 64));
        var shard = _firstRow[(int)(key.High >> 56)] ??= [];
        if (shard.TryGetValue(key, out var first)) return first;
        shard.Add(key, row);
        return null;
    }

    /// <summary>
    /// Two 64-bit halves rather than a UInt128 key: UInt128 is aligned to 16 bytes, which pads each dictionary entry
    /// from 32 to 48 bytes.
    /// </summary>
    private readonly record struct Hash(ulong Low, ulong High)
    {
        public override int GetHashCode() => (int)Low;
    }
}
