using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Counts, for every document the query matches, the values of some sorted-set doc-values fields. Within a segment
/// it only increments ordinals in an array as long as the segment's value count; the ordinals are turned into values
/// once, when the segment ends, so the per-document work is a few array increments whatever the values are.
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
            result[field.Name] = field.Totals;
        }
        return result;
    }

    private sealed class FieldCounter(string name)
    {
        private readonly BytesRef _scratch = new();
        private SortedSetDocValues? _values;
        private int[] _counts = [];

        public string Name { get; } = name;
        public Dictionary<string, int> Totals { get; } = new(StringComparer.Ordinal);

        public void StartSegment(AtomicReader reader)
        {
            EndSegment();
            // A segment where no document has the field has no doc values for it at all.
            _values = reader.GetSortedSetDocValues(Name);
            if (_values is null) return;
            var size = checked((int)_values.ValueCount);
            if (_counts.Length < size) _counts = new int[size];
            else Array.Clear(_counts, 0, size);
        }

        public void Collect(int doc)
        {
            var values = _values;
            if (values is null) return;
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) _counts[ord]++;
        }

        public void EndSegment()
        {
            var values = _values;
            if (values is null) return;
            var size = (int)values.ValueCount;
            for (var ord = 0; ord < size; ord++)
            {
                var count = _counts[ord];
                if (count == 0) continue;
                values.LookupOrd(ord, _scratch);
                var label = _scratch.Utf8ToString();
                Totals[label] = Totals.GetValueOrDefault(label) + count;
            }
            _values = null;
        }
    }
}
