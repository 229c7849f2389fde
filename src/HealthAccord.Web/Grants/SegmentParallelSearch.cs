using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Runs one query over the index's segments on as many threads as there are cores, each thread with collectors of its
/// own, so that a search that must visit every match (to count facets) takes a fraction of the wall time. The parts
/// are returned for the caller to merge. An index below <see cref="MinDocsToSplit"/> is searched on the calling thread.
/// </summary>
/// <remarks>
/// Lucene.NET's own parallel search (an IndexSearcher with a task scheduler) only covers searches that return top
/// documents; facet counting needs its collectors to run as well, which this does by scoring each segment the way
/// IndexSearcher does (one weight for the query, a bulk scorer per segment with its deleted documents left out).
/// </remarks>
internal static class SegmentParallelSearch
{
    /// <summary>Below this many documents a search takes a few milliseconds, less than handing it to other threads gains.</summary>
    public const int MinDocsToSplit = 200_000;

    /// <summary>
    /// The parts of one search: <paramref name="newPart"/> makes a part's collectors and <paramref name="collectorOf"/>
    /// combines them into the one a segment is scored into. <paramref name="splitFrom"/> is the index size from which
    /// the search is split (tests split small indexes).
    /// </summary>
    public static IReadOnlyList<TPart> Run<TPart>(IndexSearcher searcher, Query query, Func<TPart> newPart, Func<TPart, ICollector> collectorOf,
        int splitFrom = MinDocsToSplit)
    {
        var groups = Groups(searcher.IndexReader, splitFrom);
        if (groups.Count == 1)
        {
            var only = newPart();
            searcher.Search(query, collectorOf(only));
            return [only];
        }
        var weight = searcher.CreateNormalizedWeight(query);
        var parts = new TPart[groups.Count];
        Parallel.For(0, groups.Count, i =>
        {
            var part = newPart();
            var collector = collectorOf(part);
            foreach (var leaf in groups[i])
            {
                collector.SetNextReader(leaf);
                weight.GetBulkScorer(leaf, !collector.AcceptsDocsOutOfOrder, leaf.AtomicReader.LiveDocs)?.Score(collector);
            }
            parts[i] = part;
        });
        return parts;
    }

    /// <summary>
    /// The segments dealt out to one group per core, largest first to the group with the fewest documents so far, so
    /// the groups finish at about the same time. One group for a small index or a single segment.
    /// </summary>
    private static List<List<AtomicReaderContext>> Groups(IndexReader reader, int splitFrom)
    {
        var leaves = reader.Leaves;
        // At least two groups when splitting, so that a one-core machine still exercises the merging.
        var count = Math.Min(Math.Max(2, Environment.ProcessorCount), leaves.Count);
        if (count < 2 || reader.MaxDoc < splitFrom) return [[.. leaves]];
        var groups = Enumerable.Range(0, count).Select(_ => new List<AtomicReaderContext>()).ToList();
        var sizes = new long[count];
        foreach (var leaf in leaves.OrderByDescending(l => l.AtomicReader.MaxDoc))
        {
            var smallest = Array.IndexOf(sizes, sizes.Min());
            groups[smallest].Add(leaf);
            sizes[smallest] += leaf.AtomicReader.MaxDoc;
        }
        return groups;
    }
}
