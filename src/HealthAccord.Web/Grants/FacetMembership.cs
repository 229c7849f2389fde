using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Whether a document has one of a facet's selected values, read by ordinal from the segment's in-memory copy of
/// the facet (<see cref="SegmentOrdinals"/>): a few array reads per document, with nothing allocated per document.
/// </summary>
internal sealed class FacetMembership(string field, IReadOnlyList<string> values)
{
    private SegmentOrdinals? _ordinals;
    private int[] _wanted = [];

    public static FacetMembership[] ForSegment(IEnumerable<(GrantFacet Facet, IReadOnlyList<string> Values)> selected, AtomicReader reader) =>
        [.. selected.Select(s =>
        {
            var membership = new FacetMembership(s.Facet.Field, s.Values);
            membership.StartSegment(reader);
            return membership;
        })];

    public void StartSegment(AtomicReader reader)
    {
        _ordinals = SegmentOrdinals.For(reader, field);
        var lookup = _ordinals is null ? null : reader.GetSortedSetDocValues(field);
        // A handful of binary searches in the segment's terms; a value the segment lacks has no ordinal.
        _wanted = lookup is null ? [] : values.Select(v => lookup.LookupTerm(new BytesRef(v))).Where(o => o >= 0).Select(o => (int)o).ToArray();
    }

    public bool Has(int doc)
    {
        if (_wanted.Length == 0) return false;
        var ordinals = _ordinals!;
        if (ordinals.Single is { } single) return Array.IndexOf(_wanted, single[doc]) >= 0;
        var ords = ordinals.Ords!;
        for (int i = ordinals.Starts![doc], end = ordinals.Starts[doc + 1]; i < end; i++)
        {
            if (Array.IndexOf(_wanted, ords[i]) >= 0) return true;
        }
        return false;
    }

    /// <summary>The index of the one membership <paramref name="doc"/> lacks; -1 when it has all, -2 when it lacks more.</summary>
    public static int Missed(FacetMembership[] memberships, int doc)
    {
        var missed = -1;
        for (var i = 0; i < memberships.Length; i++)
        {
            if (memberships[i].Has(doc)) continue;
            if (missed >= 0) return -2;
            missed = i;
        }
        return missed;
    }
}
