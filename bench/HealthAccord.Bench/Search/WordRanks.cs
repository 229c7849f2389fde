using HealthAccord.Web.Grants;
using Lucene.Net.Analysis;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Bench.Search;

internal enum WordBand
{
    /// <summary>Ranks 1–100.</summary>
    MostFrequent,

    /// <summary>Ranks 101–1,000.</summary>
    Middle,

    /// <summary>Ranks after 1,000.</summary>
    Rare,
}

/// <summary>
/// Words of the imported grants' titles and descriptions ranked by how often they occur there, the search's stop words
/// left out: the app's analyzer drops "the", "and" or "for" from a query, so such a word would be measured as a search
/// for nothing. Leaving them out makes the most-frequent third harder, not easier.
/// </summary>
internal sealed class WordRanks
{
    public const int MostFrequentRanks = 100;
    public const int MiddleRanks = 1_000;

    private readonly Dictionary<string, int> _rankOf;

    private WordRanks(Dictionary<string, int> rankOf) => _rankOf = rankOf;

    public int WordCount => _rankOf.Count;

    public WordBand? BandOf(string word) => _rankOf.TryGetValue(word, out var rank)
        ? rank <= MostFrequentRanks ? WordBand.MostFrequent : rank <= MiddleRanks ? WordBand.Middle : WordBand.Rare
        : null;

    public static WordRanks Count(string databasePath)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT Title, Description FROM Grants";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                foreach (var word in Words(reader.GetString(0))) counts[word] = counts.GetValueOrDefault(word) + 1;
                if (!reader.IsDBNull(1))
                    foreach (var word in Words(reader.GetString(1))) counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }
        using var analyzer = GrantDocuments.CreateAnalyzer();
        var ranked = counts.Where(c => Searchable(analyzer, c.Key))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select((c, i) => (c.Key, Rank: i + 1))
            .ToDictionary(c => c.Key, c => c.Rank, StringComparer.Ordinal);
        return new WordRanks(ranked);
    }

    /// <summary>
    /// Lower-cased runs of letters and digits of two characters or more. Both engines split text at the same places
    /// for such words (hyphens and apostrophes separate words in each), so a query of them means the same to both.
    /// </summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && i - start >= 2) yield return text[start..i].ToLowerInvariant();
            start = -1;
        }
    }

    /// <summary>Whether the app's analyzer keeps the word, as it would in a query.</summary>
    private static bool Searchable(Analyzer analyzer, string word)
    {
        using var tokens = analyzer.GetTokenStream(GrantDocuments.Description, word);
        tokens.Reset();
        var kept = tokens.IncrementToken();
        tokens.End();
        return kept;
    }
}
