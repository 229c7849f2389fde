using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace HealthAccord.Web.Grants;

public sealed record FacetCount(string Value, int Count, bool Selected);

/// <summary>What the index answered: one page of grant ids in order, the number of matches, and facet counts.</summary>
public sealed record GrantHits(
    IReadOnlyList<long> Ids,
    int Total,
    IReadOnlyDictionary<GrantFacet, IReadOnlyList<FacetCount>> Facets,
    Query? HighlightQuery);

/// <summary>
/// Turns a <see cref="GrantSearchQuery"/> into Lucene queries and runs them on a searcher: the page of hits in the
/// asked order, and facet counts over every match. Works on any index with <see cref="GrantDocuments"/>' fields.
/// </summary>
public static class GrantIndexSearcher
{
    /// <summary>
    /// What a word in the title adds, on top of its score in the catch-all field (which holds the title as well): about
    /// the three-to-one weight of title over description that searches had before the catch-all.
    /// </summary>
    private const float TitleBoost = 2f;

    // For indexes without the catch-all field. Lucene.NET's MultiFieldQueryParser looks every field up in this map,
    // so each needs an entry, not just the title.
    private static readonly Dictionary<string, float> Boosts = new(StringComparer.Ordinal)
    {
        [GrantDocuments.Title] = 3f,
        [GrantDocuments.Description] = 1f,
        [GrantDocuments.Organisations] = 1f,
    };

    // Ties (equal scores, amounts or dates) are broken by id, so a page boundary never moves between requests.
    private static readonly SortField ById = new(GrantDocuments.SortId, SortFieldType.INT64);

    /// <summary>
    /// One search: a page of hits, the total and the facet counts. On an index of <paramref name="splitFrom"/> grants
    /// or more, the pass over the matches is split by segment across the cores (<see cref="SegmentParallelSearch"/>).
    /// </summary>
    public static GrantHits Search(IndexSearcher searcher, GrantSearchQuery query, DateOnly today, Analyzer analyzer,
        int splitFrom = SegmentParallelSearch.MinDocsToSplit)
    {
        var text = ParseText(query.Text, analyzer, searcher.IndexReader);
        var wanted = query.Page * query.PageSize;
        var selected = GrantFacet.All.Where(f => query.Selected(f).Count > 0).ToList();
        if (text is null && !query.Live && selected.Count == 0) return Everything(searcher, query, wanted);

        // A facet with values chosen is counted as if none were: its other values stay visible (with the numbers
        // ticking them would add), because values within a facet are alternatives. Every other facet is counted
        // over exactly the matches.
        (Ranking Ranking, IReadOnlyDictionary<GrantFacet, IReadOnlyDictionary<string, int>> Counts) result;
        if (query.FacetLimit == 0)
        {
            var parts = SegmentParallelSearch.Run(searcher, Combine(text, query, today, except: null),
                () => RankingCollector(query.Sort, wanted), top => top, splitFrom);
            result = (new Ranking(query.Sort, wanted, parts), new Dictionary<GrantFacet, IReadOnlyDictionary<string, int>>());
        }
        else if (selected.Count > 0 && (text is not null || query.Live))
        {
            result = RankAndCountInOnePass(searcher, query, text, today, wanted, selected, splitFrom);
        }
        else
        {
            result = RankAndCountByFilters(searcher, query, text, today, wanted, splitFrom);
        }
        var (ranking, counts) = result;
        return Hits(searcher, query, ranking.Page(query), ranking.TotalHits, counts, HighlightQuery(query.Text, analyzer));
    }

    /// <summary>
    /// The best <paramref name="wanted"/> grants in the asked order. It asks for documents in order: Lucene.NET then
    /// uses its in-order scorers, which score only the documents collected, instead of the windowed BooleanScorer that
    /// scores every match up front. Measured on 100,000 grants over the search benchmark's mix, ranking alone took
    /// 15% (most frequent words) to 45% (rare words) less CPU.
    /// </summary>
    /// <remarks>Each hit keeps its sort values (fillFields) so that the rankings of a search split by segment can be merged.</remarks>
    private static TopFieldCollector RankingCollector(GrantSort sort, int wanted) =>
        TopFieldCollector.Create(SortFor(sort), wanted, fillFields: true, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);

    /// <summary>The rankings of the parts of one search, merged into the best <c>wanted</c> hits in the asked order.</summary>
    private sealed class Ranking(GrantSort sort, int wanted, IEnumerable<TopFieldCollector> parts)
    {
        private readonly TopDocs _merged = TopDocs.Merge(SortFor(sort), wanted, [.. parts.Select(p => (TopDocs)p.GetTopDocs())]);

        public int TotalHits => _merged.TotalHits;

        public IEnumerable<ScoreDoc> Page(GrantSearchQuery query) => _merged.ScoreDocs.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize);
    }

    /// <summary>Adds up the facet counts of the parts of one search.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Sum(IEnumerable<FacetCountCollector> parts)
    {
        var counted = parts.Select(p => p.Counts()).ToList();
        if (counted.Count == 1) return counted[0];
        var sums = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var field in counted.SelectMany(c => c.Keys).Distinct(StringComparer.Ordinal))
        {
            var sum = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in counted)
            {
                if (!part.TryGetValue(field, out var values)) continue;
                foreach (var (value, count) in values) sum[value] = sum.GetValueOrDefault(value) + count;
            }
            sums[field] = sum;
        }
        return sums;
    }

    private static GrantHits Hits(IndexSearcher searcher, GrantSearchQuery query, IEnumerable<ScoreDoc> page, int total,
        IReadOnlyDictionary<GrantFacet, IReadOnlyDictionary<string, int>> counts, Query? highlight)
    {
        var ids = page.Select(hit => GrantId(searcher.IndexReader, hit.Doc)).ToList();
        var facets = GrantFacet.All.ToDictionary(f => f, f => Top(counts.GetValueOrDefault(f), query.Selected(f), query.FacetLimit));
        return new GrantHits(ids, total, facets, highlight);
    }

    /// <summary>
    /// The grant's database id, from the numeric doc values kept for sorting. Reading the stored id instead
    /// decompresses a block of stored fields per hit: about 16 KB of garbage each, 300 KB for a page of twenty.
    /// </summary>
    private static long GrantId(IndexReader reader, int doc)
    {
        var leaves = reader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var ids = leaf.AtomicReader.GetNumericDocValues(GrantDocuments.SortId)
            ?? throw new InvalidOperationException($"The grant index segment {leaf.Ord} has no {GrantDocuments.SortId} values.");
        return ids.Get(doc - leaf.DocBase);
    }

    private sealed record EverythingView(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Counts, ConcurrentDictionary<(GrantSort, int), TopDocs> Ranked);

    private static readonly ConditionalWeakTable<IndexReader, EverythingView> EverythingViews = new();

    /// <summary>The deepest ranking of every grant kept per reader; deeper pages are ranked on each request.</summary>
    private const int KeptRanking = 1_000;

    /// <summary>
    /// Every grant, unfiltered: the page with no search, which most visits start from. Its facet counts, and its
    /// first pages in each order, are kept with the reader (a write opens a new one): at a million grants, counting
    /// and ranking them all took about 40 ms per request.
    /// </summary>
    private static GrantHits Everything(IndexSearcher searcher, GrantSearchQuery query, int wanted)
    {
        var view = ViewOfEverything(searcher);
        TopDocs Rank(int n)
        {
            var collector = RankingCollector(query.Sort, n);
            searcher.Search(new MatchAllDocsQuery(), collector);
            return collector.GetTopDocs();
        }
        var ranked = wanted <= KeptRanking ? view.Ranked.GetOrAdd((query.Sort, KeptRanking), key => Rank(key.Item2)) : Rank(wanted);
        var page = ranked.ScoreDocs.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize);
        var counts = query.FacetLimit == 0
            ? new Dictionary<GrantFacet, IReadOnlyDictionary<string, int>>()
            : GrantFacet.All.ToDictionary(f => f, f => view.Counts[f.Field]);
        return Hits(searcher, query, page, ranked.TotalHits, counts, highlight: null);
    }

    /// <summary>
    /// With words or the live filter and facets ticked: one pass over what the words (and live) match, checking the
    /// ticked facets per grant (see <see cref="DrillSidewaysCollector"/>).
    /// </summary>
    private static (Ranking, IReadOnlyDictionary<GrantFacet, IReadOnlyDictionary<string, int>>) RankAndCountInOnePass(IndexSearcher searcher,
        GrantSearchQuery query, Query? text, DateOnly today, int wanted, List<GrantFacet> selected, int splitFrom)
    {
        var unfiltered = query with { Filters = new Dictionary<GrantFacet, IReadOnlyList<string>>() };
        var ticked = selected.Select(f => (f, query.Selected(f))).ToList();
        var parts = SegmentParallelSearch.Run(searcher, NearlyFiltered(Combine(text, unfiltered, today, except: null), query, selected),
            () => new OnePassPart(RankingCollector(query.Sort, wanted), new FacetCountCollector(GrantFacet.All.Select(f => f.Field)),
                [.. selected.Select(f => new FacetCountCollector([f.Field]))]),
            part => new DrillSidewaysCollector(part.Top, ticked, part.Passing, part.Sideways), splitFrom);

        var passed = Sum(parts.Select(p => p.Passing));
        var counts = GrantFacet.All.ToDictionary(f => f, f => passed[f.Field]);
        for (var i = 0; i < selected.Count; i++)
        {
            var field = selected[i].Field;
            var merged = new Dictionary<string, int>(passed[field], StringComparer.Ordinal);
            foreach (var (value, count) in Sum(parts.Select(p => p.Sideways[i]))[field]) merged[value] = merged.GetValueOrDefault(value) + count;
            counts[selected[i]] = merged;
        }
        return (new Ranking(query.Sort, wanted, parts.Select(p => p.Top)), counts);
    }

    private sealed record OnePassPart(TopFieldCollector Top, FacetCountCollector Passing, IReadOnlyList<FacetCountCollector> Sideways);

    /// <summary>
    /// Narrows <paramref name="words"/> to the grants that have a selected value of all but at most one of the
    /// <paramref name="selected"/> facets: the only grants the drill-sideways pass counts. With two or more facets
    /// ticked, the words' postings are then read past every grant the facets rule out (see
    /// <see cref="AllButOneFacetFilter"/>) instead of handing each to the collector. The scores do not change, so
    /// neither does the order of the hits.
    /// </summary>
    private static Query NearlyFiltered(Query words, GrantSearchQuery query, List<GrantFacet> selected) =>
        selected.Count < 2 ? words : new AllButOneFacetFilter([.. selected.Select(f => (f, query.Selected(f)))]).Query(words);

    /// <summary>
    /// Without words or live, the filters are the narrowest way in: rank and count the facets without a selection
    /// in one pass over the filtered grants, then count each ticked facet over the grants the other filters allow
    /// (over every grant when it is the only one ticked, whose counts are kept with the reader). With words or live
    /// and nothing ticked, the same single pass counts every facet.
    /// </summary>
    private static (Ranking, IReadOnlyDictionary<GrantFacet, IReadOnlyDictionary<string, int>>) RankAndCountByFilters(IndexSearcher searcher,
        GrantSearchQuery query, Query? text, DateOnly today, int wanted, int splitFrom)
    {
        var unrestricted = text is null && !query.Live;
        var countHere = GrantFacet.All.Where(f => query.Selected(f).Count == 0).ToList();
        var parts = SegmentParallelSearch.Run(searcher, Combine(text, query, today, except: null),
            () => (Top: RankingCollector(query.Sort, wanted), Facets: new FacetCountCollector(countHere.Select(f => f.Field))),
            part => MultiCollector.Wrap(part.Top, part.Facets), splitFrom);

        var byField = Sum(parts.Select(p => p.Facets));
        var counts = countHere.ToDictionary(f => f, f => byField[f.Field]);
        foreach (var facet in GrantFacet.All.Where(f => !counts.ContainsKey(f)))
        {
            if (unrestricted && query.Filters.Keys.All(f => f == facet))
            {
                counts[facet] = ViewOfEverything(searcher).Counts[facet.Field];
                continue;
            }
            var sideways = new FacetCountCollector([facet.Field]);
            searcher.Search(Combine(text, query, today, except: facet), sideways);
            counts[facet] = sideways.Counts()[facet.Field];
        }
        return (new Ranking(query.Sort, wanted, parts.Select(p => p.Top)), counts);
    }

    /// <summary>What is kept about every grant for this reader, counted on first use.</summary>
    private static EverythingView ViewOfEverything(IndexSearcher searcher) =>
        EverythingViews.GetValue(searcher.IndexReader, _ =>
        {
            var collector = new FacetCountCollector(GrantFacet.All.Select(f => f.Field));
            searcher.Search(new MatchAllDocsQuery(), collector);
            return new EverythingView(collector.Counts(), new());
        });

    /// <summary>
    /// The classic query syntax, every word required in the title, the description or an organisation's name, with
    /// words in the title scoring extra (<see cref="TitleBoost"/>). Text the syntax cannot read (an unmatched quote or
    /// bracket, a lone operator, a broken /regex/) is searched as plain words instead, so a search box never fails. An
    /// exact grant identifier matches too. <paramref name="reader"/> tells which fields the index has (see
    /// <see cref="GrantDocuments.HasCatchAll"/>).
    /// </summary>
    public static Query? ParseText(string? text, Analyzer analyzer, IndexReader reader)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        Query words;
        if (GrantDocuments.HasCatchAll(reader))
        {
            // Matching walks one postings list per word. The title clause is optional, so Lucene only advances it to
            // grants the words already matched, to add to their scores; it never widens the matches.
            var inTitle = Parse(new QueryParser(GrantDocuments.Version, GrantDocuments.Title, analyzer), text);
            inTitle.Boost = TitleBoost;
            words = new BooleanQuery(disableCoord: true)
            {
                { Parse(new CatchAllQueryParser(analyzer) { DefaultOperator = Operator.AND }, text), Occur.MUST },
                { inTitle, Occur.SHOULD },
            };
        }
        else
        {
            words = Parse(new MultiFieldQueryParser(GrantDocuments.Version, GrantDocuments.SeparateTextFields, analyzer, Boosts)
            {
                DefaultOperator = Operator.AND,
            }, text);
        }
        var trimmed = text.Trim();
        if (trimmed.Any(char.IsWhiteSpace)) return words;
        return new BooleanQuery
        {
            { words, Occur.SHOULD },
            { new TermQuery(new Term(GrantDocuments.Identifier, trimmed)), Occur.SHOULD },
        };
    }

    /// <summary>
    /// The words as they apply to the description, for the highlighter to mark in snippets; never run as a search.
    /// Null when there are no words.
    /// </summary>
    public static Query? HighlightQuery(string? text, Analyzer analyzer) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(new QueryParser(GrantDocuments.Version, GrantDocuments.Description, analyzer), text);

    private static Query Parse(QueryParser parser, string text)
    {
        try
        {
            return parser.Parse(text);
        }
        // A regular expression the automaton library cannot read (q=/[a/) fails with ArgumentException, not ParseException.
        catch (Exception e) when (e is ParseException or ArgumentException)
        {
            // Escaping leaves AND, OR and NOT as operators; in lower case they are ordinary (stop) words.
            return parser.Parse(QueryParserBase.Escape(text).ToLowerInvariant());
        }
    }

    /// <summary>The text query (or every grant) restricted by the filters, leaving out one facet's when asked.</summary>
    public static Query Combine(Query? text, GrantSearchQuery query, DateOnly today, GrantFacet? except)
    {
        var filter = new BooleanQuery();
        foreach (var (facet, values) in query.Filters)
        {
            if (facet == except || values.Count == 0) continue;
            filter.Add(AnyOf(facet, values), Occur.MUST);
        }
        if (query.Live)
        {
            // Running today: started on or before today and ending on or after it.
            var day = GrantDocuments.DateNumber(today);
            filter.Add(NumericRangeQuery.NewInt32Range(GrantDocuments.PlannedStart, null, day, true, true), Occur.MUST);
            filter.Add(NumericRangeQuery.NewInt32Range(GrantDocuments.PlannedEnd, day, null, true, true), Occur.MUST);
        }
        var main = text ?? new MatchAllDocsQuery();
        // Filters narrow the matches without changing their scores.
        return filter.Clauses.Count == 0 ? main : new FilteredQuery(main, new QueryWrapperFilter(filter));
    }

    /// <summary>Grants with any of the values of one facet (values of one facet are alternatives).</summary>
    private static BooleanQuery AnyOf(GrantFacet facet, IReadOnlyList<string> values)
    {
        var anyOf = new BooleanQuery();
        foreach (var value in values) anyOf.Add(new TermQuery(new Term(facet.Field, value)), Occur.SHOULD);
        return anyOf;
    }

    public static Sort SortFor(GrantSort sort) => sort switch
    {
        GrantSort.Amount => new Sort(Amount(descending: true), ById),
        GrantSort.AmountAsc => new Sort(Amount(descending: false), ById),
        GrantSort.Date => new Sort(new SortField(GrantDocuments.AwardDate, SortFieldType.INT64, true), ById),
        GrantSort.DateAsc => new Sort(new SortField(GrantDocuments.AwardDate, SortFieldType.INT64, false), ById),
        _ => new Sort(SortField.FIELD_SCORE, ById),
    };

    /// <summary>Grants without a euro amount come last whichever way amounts are sorted.</summary>
    private static SortField Amount(bool descending)
    {
        var field = new SortField(GrantDocuments.AmountEur, SortFieldType.INT64, descending);
        field.SetMissingValue(descending ? long.MinValue : long.MaxValue);
        return field;
    }

    /// <summary>The most frequent values first (ties by value), and every selected value even when it is not among them.</summary>
    private static IReadOnlyList<FacetCount> Top(IReadOnlyDictionary<string, int>? counts, IReadOnlyList<string> selected, int limit)
    {
        if (limit == 0) return [];
        counts ??= new Dictionary<string, int>();
        // A bounded heap rather than a sort: a facet can have tens of thousands of values (recipients) and only
        // the first few are shown. The heap's top is the weakest value kept: fewest grants, then last by value.
        var heap = new PriorityQueue<KeyValuePair<string, int>, KeyValuePair<string, int>>(limit + 1, Weakest);
        foreach (var count in counts)
        {
            if (heap.Count < limit) heap.Enqueue(count, count);
            else if (Weakest.Compare(count, heap.Peek()) > 0) heap.EnqueueDequeue(count, count);
        }
        var chosen = selected.ToHashSet(StringComparer.Ordinal);
        var top = heap.UnorderedItems.Select(i => i.Element)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new FacetCount(c.Key, c.Value, chosen.Contains(c.Key))).ToList();
        foreach (var value in selected.Where(v => top.All(t => t.Value != v)))
            top.Add(new FacetCount(value, counts.GetValueOrDefault(value), true));
        return top;
    }

    /// <summary>Orders facet values from weakest to strongest: fewer grants first, then later by value.</summary>
    private static readonly Comparer<KeyValuePair<string, int>> Weakest = Comparer<KeyValuePair<string, int>>.Create((a, b) =>
        a.Value != b.Value ? a.Value.CompareTo(b.Value) : string.CompareOrdinal(b.Key, a.Key));
}
