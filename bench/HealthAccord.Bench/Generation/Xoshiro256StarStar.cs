namespace HealthAccord.Bench.Generation;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64. We carry our own generator rather than
/// System.Random because the generated files must stay byte-identical across .NET versions, and System.Random's
/// seeded algorithm is an implementation detail the runtime may change.
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        // SplitMix64 spreads even small or similar seeds (0, 1, 2...) into well-mixed, never all-zero state.
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    /// <summary>A stream of its own for one item (a grant, a catalogue), so items can be made in any order.</summary>
    public static Xoshiro256StarStar ForItem(ulong seed, ulong stream, ulong item)
    {
        var mixed = seed;
        var a = SplitMix64(ref mixed) ^ stream;
        var b = SplitMix64(ref a) ^ item;
        return new Xoshiro256StarStar(SplitMix64(ref b));
    }

    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject).</summary>
    public ulong NextUInt64(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold) high = Math.BigMul(NextUInt64(), bound, out low);
        }
        return high;
    }

    /// <summary>Uniform in [0, bound).</summary>
    public int Next(int bound) => (int)NextUInt64((ulong)bound);

    /// <summary>Uniform in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>Uniform in [0, 1) with 53 random bits; exact IEEE arithmetic, so the same on every platform.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>
    /// An approximately standard normal value as the sum of twelve uniforms minus six (Irwin-Hall). It needs no
    /// logarithm or cosine, whose last bit may differ between maths libraries, and its ±6 bound is harmless here.
    /// </summary>
    public double NextStandardNormal()
    {
        var sum = 0.0;
        for (var i = 0; i < 12; i++) sum += NextDouble();
        return sum - 6.0;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
