using System.Globalization;

namespace HealthAccord.Bench.Generation;

/// <summary>The committed word-frequencies.tsv, ready to draw words in proportion to their real-world counts.</summary>
internal sealed class WordFrequencyTable
{
    private readonly string[] _words;
    private readonly AliasTable _sampler;

    private WordFrequencyTable(string[] words, long[] counts)
    {
        _words = words;
        _sampler = new AliasTable(counts);
    }

    public string Sample(ref Xoshiro256StarStar random) => _words[_sampler.Sample(ref random)];

    public static WordFrequencyTable Load()
    {
        var words = new List<string>();
        var counts = new List<long>();
        using var reader = EmbeddedTables.Open("word-frequencies.tsv");
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            if (!sawHeader) { sawHeader = true; continue; }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            words.Add(line[..tab]);
            counts.Add(long.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture));
        }
        return new WordFrequencyTable([.. words], [.. counts]);
    }
}
