using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HealthAccord.Web.Grants;

/// <summary>
/// The grants that hold a selected value of every ticked facet but at most one: the only grants a drill-sideways pass
/// (<see cref="DrillSidewaysCollector"/>) counts. It answers per document from the facets' ordinals in memory, and
/// <see cref="Query"/> hands it to the words' scorers as the documents they may accept, so each word's postings are
/// read in order and a document the facets rule out is passed over inside the postings reader.
/// </summary>
/// <remarks>
/// The same restriction as a query (a disjunction of the ticked values' terms, stepped through in step with the words)
/// cost nearly all of a frequent-word search at a million grants: the words' postings were advanced once for every
/// grant of the ticked year, tens of thousands of times, through several layers of scorers.
/// </remarks>
internal sealed class AllButOneFacetFilter(IReadOnlyList<(GrantFacet Facet, IReadOnlyList<string> Values)> selected) : Filter
{
    private static readonly FilteredQuery.FilterStrategy AlwaysRandomAccess = new RandomAccess();

    /// <summary><paramref name="words"/>, matching only where this filter allows, with its scores unchanged.</summary>
    public Query Query(Query words) => new FilteredQuery(words, this, AlwaysRandomAccess);

    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        var set = new Allowed(FacetMembership.ForSegment(selected, context.AtomicReader), context.AtomicReader.MaxDoc);
        // Deleted grants (acceptDocs) stay out as well.
        return BitsFilteredDocIdSet.Wrap(set, acceptDocs);
    }

    private sealed class Allowed(FacetMembership[] memberships, int maxDoc) : DocIdSet, IBits
    {
        public override IBits Bits => this;

        public int Length => maxDoc;

        public bool Get(int index) => FacetMembership.Missed(memberships, index) >= -1;

        public override DocIdSetIterator GetIterator() => new Scan(this);

        /// <summary>Only read for the first allowed document (Lucene asks before choosing how to filter); never walked through.</summary>
        private sealed class Scan(Allowed allowed) : DocIdSetIterator
        {
            private int _doc = -1;

            public override int DocID => _doc;

            public override int NextDoc() => Advance(_doc + 1);

            public override int Advance(int target)
            {
                for (_doc = target; _doc < allowed.Length; _doc++)
                {
                    if (allowed.Get(_doc)) return _doc;
                }
                return _doc = NO_MORE_DOCS;
            }

            public override long GetCost() => allowed.Length;
        }
    }

    /// <summary>
    /// Lucene's random-access strategy by default only takes a filter's bits when its first document comes early; these
    /// bits are cheap to test wherever the first one falls.
    /// </summary>
    private sealed class RandomAccess : FilteredQuery.RandomAccessFilterStrategy
    {
        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) => true;
    }
}
