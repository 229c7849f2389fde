using Lucene.Net.Search;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// Walks every grant a search matches, in the search's order, a chunk of ids at a time: each chunk is the next
/// <c>chunkSize</c> hits after the last one handed out (Lucene's search-after), so only one chunk of hits is held
/// however many grants match. Each chunk is a pass over the matches, which costs more passes for larger results but
/// keeps memory flat; the order's last key is the grant id, so the boundary between chunks is exact.
/// </summary>
public sealed class GrantMatchCursor(IndexSearcher searcher, Query query, Sort sort, int chunkSize)
{
    private FieldDoc? _after;
    private bool _finished;

    public static GrantMatchCursor For(IndexSearcher searcher, GrantSearchQuery search, DateOnly today, Lucene.Net.Analysis.Analyzer analyzer,
        int chunkSize)
    {
        var text = GrantIndexSearcher.ParseText(search.Text, analyzer, searcher.IndexReader);
        return new GrantMatchCursor(searcher, GrantIndexSearcher.Combine(text, search, today, except: null),
            GrantIndexSearcher.SortFor(search.Sort), chunkSize);
    }

    /// <summary>The next ids in order; empty once every match has been handed out.</summary>
    public IReadOnlyList<long> Next()
    {
        if (_finished) return [];
        var hits = searcher.SearchAfter(_after, query, filter: null, chunkSize, sort, doDocScores: false, doMaxScore: false).ScoreDocs;
        if (hits.Length < chunkSize) _finished = true;
        if (hits.Length == 0) return [];
        _after = (FieldDoc)hits[^1];
        var ids = new long[hits.Length];
        for (var i = 0; i < hits.Length; i++) ids[i] = IdOf((FieldDoc)hits[i]);
        return ids;
    }

    /// <summary>
    /// Every order ends with the grant id (see <see cref="GrantIndexSearcher.SortFor"/>), and search-after fills in the
    /// sort values, so the id comes with the hit instead of from a stored-field read per grant.
    /// </summary>
    private static long IdOf(FieldDoc hit) => Convert.ToInt64(hit.Fields[^1], System.Globalization.CultureInfo.InvariantCulture);
}
