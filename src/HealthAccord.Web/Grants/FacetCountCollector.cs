using System.Buffers;
using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Counts, for every document the query matches, the values of some sorted-set doc-values fields. Within a segment
/// it only increments ordinals in an array as long as the segment's value count (reading each document's ordinals
/// from the segment's <see cref="SegmentOrdinals"/> copy); the ordinals seen are turned into values once, when the
/// segment ends, so the per-document work is a few array increments whatever the values are.
/// Lucene.Net.Facet would do this with a taxonomy, but it is not available here and the fields are small enough.
/// </summary>
public sealed class FacetCountCollector : ICollector
{
    private readonly FieldCounter[] _fields;

    public FacetCountCollector(IEnumerable<string> fields)
    {
        _fields = fields.Distinct(StringComparer.Ordinal).Select(f => new FieldCounter(f)).ToArray();
    }

    /// <summary>Counting does not depend on order, so the fastest scorers may be used.</summary>
    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        foreach (var field in _fields) field.StartSegment(context.AtomicReader);
    }

    public void Collect(int doc)
    {
        foreach (var field in _fields) field.Collect(doc);
    }

    /// <summary>Every value seen with its number of matching documents, per field. Call once, after the search.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts()
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var field in _fields)
        {
            field.EndSegment();
            field.ReturnCounts();
            result[field.Name] = field.Totals;
        }
        return result;
    }

    private sealed class FieldCounter(string name)
    {
        private readonly List<int> _touched = [];
        private SegmentOrdinals? _ordinals;
        private int[] _counts = [];

        public string Name { get; } = name;
        public Dictionary<string, int> Totals { get; } = new(StringComparer.Ordinal);

        public void StartSegment(AtomicReader reader)
        {
            EndSegment();
            // A segment where no document has the field has no ordinals for it at all.
            _ordinals = SegmentOrdinals.For(reader, Name);
            if (_ordinals is null) return;
            // The array is all zeros between segments (EndSegment clears what it used), so it is only ever grown.
            // It comes from the shared pool: a facet with tens of thousands of values (recipients) needs an array
            // past the large-object threshold, and allocating one per search would leave every search's arrays to
            // the rare full collections.
            if (_counts.Length < _ordinals.ValueCount)
            {
                ReturnCounts();
                _counts = ArrayPool<int>.Shared.Rent(_ordinals.ValueCount);
                // A pooled array may hold another user's numbers.
                Array.Clear(_counts);
            }
        }

        /// <summary>Hands the counting array back to the pool; the collector counts nothing more after this.</summary>
        public void ReturnCounts()
        {
            if (_counts.Length > 0) ArrayPool<int>.Shared.Return(_counts);
            _counts = [];
        }

        public void Collect(int doc)
        {
            var ordinals = _ordinals;
            if (ordinals is null) return;
            if (ordinals.Single is { } single)
            {
                if (single[doc] is var only and >= 0) Count(only);
                return;
            }
            var ords = ordinals.Ords!;
            for (int i = ordinals.Starts![doc], end = ordinals.Starts[doc + 1]; i < end; i++) Count(ords[i]);
        }

        /// <summary>
        /// Remembering each ordinal's first hit keeps the segment's end in proportion to the matches, not to the number
        /// of values (tens of thousands of recipient names in a large segment).
        /// </summary>
        private void Count(int ord)
        {
            if (_counts[ord]++ == 0) _touched.Add(ord);
        }

        public void EndSegment()
        {
            if (_ordinals is { } ordinals)
            {
                foreach (var ord in _touched)
                {
                    ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(Totals, ordinals.Values[ord], out _);
                    total += _counts[ord];
                    _counts[ord] = 0;
                }
                _touched.Clear();
            }
            _ordinals = null;
        }
    }
}
