namespace HealthAccord.Bench.Generation;

/// <summary>
/// Walker's alias method over integer weights: O(1) weighted sampling, which matters when a million grants draw
/// about ninety words each. Built with integer arithmetic only, so the table (and every draw) is identical on
/// every platform; floating-point weights would let a last-bit difference move a boundary.
/// </summary>
internal sealed class AliasTable
{
    private readonly int[] _alias;

    // Each column's threshold as a fraction of 2^32, so a draw needs one 64-bit random number and no division:
    // the high half picks the column, the low half tosses the coin. The 2^-32 rounding is far below what matters here.
    private readonly uint[] _threshold32;

    public AliasTable(IReadOnlyList<long> weights)
    {
        var n = weights.Count;
        if (n == 0) throw new ArgumentException("An alias table needs at least one weight.", nameof(weights));
        ulong total = 0;
        foreach (var w in weights)
        {
            if (w < 0) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
            total = checked(total + (ulong)w);
        }
        if (total == 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));

        // Scaling every weight by n makes the average column exactly total, so no column needs a fraction.
        var scaled = new ulong[n];
        for (var i = 0; i < n; i++) scaled[i] = checked((ulong)weights[i] * (ulong)n);
        var threshold = new ulong[n];
        _alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = n - 1; i >= 0; i--) (scaled[i] < total ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] -= total - scaled[s];
            (scaled[l] < total ? small : large).Push(l);
        }
        while (large.Count > 0) { var l = large.Pop(); threshold[l] = total; _alias[l] = l; }
        while (small.Count > 0) { var s = small.Pop(); threshold[s] = total; _alias[s] = s; }

        _threshold32 = new uint[n];
        for (var i = 0; i < n; i++)
            _threshold32[i] = threshold[i] >= total ? uint.MaxValue : (uint)(((UInt128)threshold[i] << 32) / total);
    }

    public int Sample(ref Xoshiro256StarStar random)
    {
        var bits = random.NextUInt64();
        var column = (int)(((bits >> 32) * (ulong)_alias.Length) >> 32);
        return (uint)bits < _threshold32[column] ? column : _alias[column];
    }

    /// <summary>Zipf weights 1/(rank + offset) in integers, so the skew is the same on every platform.</summary>
    public static long[] ZipfWeights(int count, int offset)
    {
        var weights = new long[count];
        for (var rank = 1; rank <= count; rank++) weights[rank - 1] = 1_000_000_000_000L / (rank + offset);
        return weights;
    }
}
