using System.Globalization;
using HealthAccord.Bench.Generation;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Bench.Search;

/// <summary>One query of the mix: 1–3 words of one frequency band, and a funder and an award year to filter by.</summary>
internal sealed record SearchQuery(WordBand Band, IReadOnlyList<string> Words, string Funder, string Year)
{
    public string Text => string.Join(' ', Words);

    /// <summary>The API request: the words, the two facet filters, and facet counts (ten values per facet) in the answer.</summary>
    public string ApiPath => $"/api/v1/grants?q={Uri.EscapeDataString(Text)}&funder={Uri.EscapeDataString(Funder)}&year={Year}&facetLimit=10";

    /// <summary>FTS5 syntax: each word quoted (so none is read as an operator), all of them required.</summary>
    public string Fts5Match => string.Join(' ', Words.Select(w => $"\"{w}\""));
}

/// <summary>
/// The fixed, seeded mix of queries. Each query starts from a grant picked at random: its words of the query's band,
/// its funder and its award year. So every query finds at least that grant, while a funder and a year together keep
/// well under 1% of the grants. The same seed and data give the same mix.
/// </summary>
internal static class SearchQueryMix
{
    public static IReadOnlyList<SearchQuery> Build(string databasePath, WordRanks ranks, int perBand, ulong seed)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var (minId, maxId) = IdRange(connection);
        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT g.Title, g.Description, substr(g.AwardDate, 1, 4),
                   (SELECT o.Name FROM GrantParticipants p JOIN Organisations o ON o.Id = p.OrganisationId
                    WHERE p.GrantId = g.Id AND p.Role = 'Funder' ORDER BY p.Position LIMIT 1)
            FROM Grants g WHERE g.Id = $id
            """;
        var id = read.Parameters.Add("$id", SqliteType.Integer);

        var random = new Xoshiro256StarStar(seed);
        var bands = new[] { WordBand.MostFrequent, WordBand.Middle, WordBand.Rare };
        var queries = new List<SearchQuery>(perBand * bands.Length);
        // Interleaved by band, so that when the machine is busier at some moment, all three thirds feel it alike.
        for (var i = 0; i < perBand; i++)
        {
            foreach (var band in bands)
            {
                var wordCount = 1 + i % 3;
                for (var attempt = 0; ; attempt++)
                {
                    if (attempt == 10_000) throw new InvalidOperationException($"No grant has {wordCount} distinct words of band {band}.");
                    id.Value = minId + (long)random.NextUInt64((ulong)(maxId - minId + 1));
                    using var row = read.ExecuteReader();
                    if (!row.Read() || row.IsDBNull(3)) continue;
                    var text = row.GetString(0) + " " + (row.IsDBNull(1) ? "" : row.GetString(1));
                    var candidates = WordRanks.Words(text).Distinct(StringComparer.Ordinal).Where(w => ranks.BandOf(w) == band).ToList();
                    if (candidates.Count < wordCount) continue;
                    var words = new List<string>(wordCount);
                    for (var w = 0; w < wordCount; w++)
                    {
                        var pick = random.Next(candidates.Count);
                        words.Add(candidates[pick]);
                        candidates.RemoveAt(pick);
                    }
                    queries.Add(new SearchQuery(band, words, row.GetString(3), row.GetString(2)));
                    break;
                }
            }
        }
        return queries;
    }

    /// <summary>The mix as a TSV file, so a run's queries can be read and repeated by hand.</summary>
    public static void Write(IEnumerable<SearchQuery> queries, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("band\tq\tfunder\tyear");
        foreach (var q in queries) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{q.Band}\t{q.Text}\t{q.Funder}\t{q.Year}"));
    }

    private static (long Min, long Max) IdRange(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(Id), max(Id) FROM Grants";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
