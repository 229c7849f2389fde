using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HealthAccord.Web.Grants;

/// <summary>
/// A segment's sorted-set ordinals for one field, copied once into plain arrays. Reading them through
/// SortedSetDocValues costs about 100 ns per field and document in Lucene.NET (measured: 110 ms to count nine facets
/// over 100,000 grants), which would put a million-grant landing page at a second; from these arrays the same count
/// takes a few milliseconds. Segments never change, so each copy lives as long as its segment (keyed by the segment's
/// core) and costs about four bytes per document and value, plus the distinct values as strings.
/// </summary>
public sealed class SegmentOrdinals
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<SegmentOrdinals?>>> Cache = new();

    private SegmentOrdinals(string[] values, int[]? single, int[]? starts, int[]? ords)
    {
        Values = values;
        Single = single;
        Starts = starts;
        Ords = ords;
    }

    public int ValueCount => Values.Length;

    /// <summary>The value of each ordinal. Looking one up in the doc values' compressed terms costs about a microsecond.</summary>
    public string[] Values { get; }

    /// <summary>When no document has two values: each document's ordinal, or -1.</summary>
    public int[]? Single { get; }

    /// <summary>Otherwise: document d's ordinals are <c>Ords[Starts[d]..Starts[d + 1]]</c>.</summary>
    public int[]? Starts { get; }

    public int[]? Ords { get; }

    /// <summary>The field's ordinals in this segment, copied on first use; null when no document in it has the field.</summary>
    public static SegmentOrdinals? For(AtomicReader reader, string field) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, Lazy<SegmentOrdinals?>>(StringComparer.Ordinal))
            .GetOrAdd(field, f => new Lazy<SegmentOrdinals?>(() => Copy(reader, f))).Value;

    private static SegmentOrdinals? Copy(AtomicReader reader, string field)
    {
        var values = reader.GetSortedSetDocValues(field);
        if (values is null) return null;
        var maxDoc = reader.MaxDoc;
        var starts = new int[maxDoc + 1];
        var ords = new List<int>(maxDoc);
        var multiValued = false;
        for (var doc = 0; doc < maxDoc; doc++)
        {
            starts[doc] = ords.Count;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) ords.Add((int)ord);
            if (ords.Count - starts[doc] > 1) multiValued = true;
        }
        starts[maxDoc] = ords.Count;
        var labels = new string[checked((int)values.ValueCount)];
        var scratch = new BytesRef();
        for (var ord = 0; ord < labels.Length; ord++)
        {
            values.LookupOrd(ord, scratch);
            labels[ord] = scratch.Utf8ToString();
        }
        if (multiValued) return new SegmentOrdinals(labels, null, starts, ords.ToArray());

        var single = new int[maxDoc];
        for (var doc = 0; doc < maxDoc; doc++) single[doc] = starts[doc + 1] > starts[doc] ? ords[starts[doc]] : -1;
        return new SegmentOrdinals(labels, single, null, null);
    }

    /// <summary>Copies the facet fields of every new segment as a searcher opens, so no search waits for it.</summary>
    public sealed class WarmingSearcherFactory(IEnumerable<string> fields) : SearcherFactory
    {
        private readonly string[] _fields = fields.ToArray();

        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            foreach (var leaf in reader.Leaves)
            {
                foreach (var field in _fields) For(leaf.AtomicReader, field);
            }
            return base.NewSearcher(reader);
        }
    }
}
