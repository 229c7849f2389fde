using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The facet collector, filters, live filter and sorts on a small in-memory index of eight known grants, written in
/// three segments so counts must be merged across segments. Expected numbers are counted by hand from <see cref="Docs"/>.
/// </summary>
public sealed class GrantIndexSearcherTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static readonly GrantIndexRow[] Docs =
    [
        Doc(1, "Vaccine trial", "F1", [("R1", "GB"), ("R2", "KE")], "GBP", 40_000m, "2023-01-01", "2023-02-01", "2027-01-31", ["malaria"], ["018"]),
        Doc(2, "Malaria nets", "F1", [("R2", "KE")], "GBP", 60_000m, "2024-05-05", "2026-11-28", "2027-01-01", [], ["018", "012"]),
        Doc(3, "Heart study", "F2", [("R1", "GB")], "EUR", 300_000m, "2022-03-03", "2020-01-01", "2026-11-27", [], ["014"]),
        Doc(4, "Cancer genomics", "F2", [("R3", "FR"), ("R1", "GB")], "EUR", null, "2021-07-07", null, null, [], []),
        Doc(5, "Vaccines for flu", "F3", [("R3", "FR")], "USD", 2_000_000m, "2025-01-01", "2025-02-01", "2026-11-28", ["influenza"], ["018"]),
        Doc(6, "Dementia care", "F1", [("R1", "GB")], "GBP", 5_000_000m, "2020-10-10", "2021-01-01", "2025-01-01", [], ["004"]),
        Doc(7, "Stroke rehabilitation", "F3", [("R2", "KE"), ("R3", "FR")], "USD", 49_999.99m, "2026-01-01", "2026-11-29", "2028-01-01", [], ["010"]),
        Doc(8, "Vaccine hesitancy", "F2", [("R1", "GB")], "GBP", 250_000m, "2024-05-05", "2024-06-01", "2027-06-01", [], ["018"], ["glopid-r"]),
    ];

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = GrantDocuments.CreateAnalyzer();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public GrantIndexSearcherTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(GrantDocuments.Version, _analyzer)))
        {
            // Three commits without merging: segments of docs 1–3, 4–6 and 7–8.
            foreach (var segment in Docs.Chunk(3))
            {
                foreach (var doc in segment) writer.AddDocument(GrantDocuments.Create(doc));
                writer.Commit();
            }
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    private static GrantIndexRow Doc(long id, string title, string funder, (string Name, string Country)[] recipients, string currency,
        decimal? eur, string awarded, string? start, string? end, string[] pathogens, string[] hrcs, string[]? partnerships = null) =>
        new(id, $"DOC-{id}", title, null, currency, eur, DateOnly.Parse(awarded, System.Globalization.CultureInfo.InvariantCulture),
            start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            [new GrantIndexParticipant(ParticipantRole.Funder, funder, "GB"),
                .. recipients.Select((r, i) => new GrantIndexParticipant(i == 0 ? ParticipantRole.Lead : ParticipantRole.Participant, r.Name, r.Country))],
            [.. pathogens], [.. hrcs], [.. partnerships ?? []]);

    private static GrantSearchQuery Query(string? text = null, bool live = false, GrantSort? sort = null, int page = 1, int pageSize = 100,
        int facetLimit = 100, params (GrantFacet Facet, string[] Values)[] filters) =>
        new(text, filters.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values), live, sort ?? (text is null ? GrantSort.Date : GrantSort.Relevance),
            page, pageSize, facetLimit);

    private GrantHits Search(GrantSearchQuery query) => GrantIndexSearcher.Search(_searcher, query, Today, _analyzer);

    private static Dictionary<string, int> Counts(GrantHits hits, GrantFacet facet) => hits.Facets[facet].ToDictionary(c => c.Value, c => c.Count);

    [Fact]
    public void The_collector_counts_every_value_of_every_matching_document_across_segments()
    {
        Assert.Equal(3, _reader.Leaves.Count);
        var collector = new FacetCountCollector(["funder", "recipient", "recipientCountry", "hrcs"]);

        _searcher.Search(new MatchAllDocsQuery(), collector);
        var counts = collector.Counts();

        Assert.Equal(new Dictionary<string, int> { ["F1"] = 3, ["F2"] = 3, ["F3"] = 2 }, counts["funder"]);
        // Multi-valued: docs 1, 4 and 7 have two recipients, each counted once per document.
        Assert.Equal(new Dictionary<string, int> { ["R1"] = 5, ["R2"] = 3, ["R3"] = 3 }, counts["recipient"]);
        Assert.Equal(new Dictionary<string, int> { ["GB"] = 5, ["KE"] = 3, ["FR"] = 3 }, counts["recipientCountry"]);
        // Doc 4 has no category: the segment of docs 4–6 still counts 5 and 6.
        Assert.Equal(new Dictionary<string, int> { ["018"] = 4, ["012"] = 1, ["014"] = 1, ["004"] = 1, ["010"] = 1 }, counts["hrcs"]);
    }

    [Fact]
    public void The_collector_counts_only_matching_documents_and_tolerates_a_field_no_document_has()
    {
        var collector = new FacetCountCollector(["recipient", "nothing-here"]);

        _searcher.Search(new TermQuery(new Term("funder", "F3")), collector);

        Assert.Equal(new Dictionary<string, int> { ["R2"] = 1, ["R3"] = 2 }, collector.Counts()["recipient"]);
        Assert.Empty(collector.Counts()["nothing-here"]);
    }

    [Fact]
    public void Facet_counts_follow_the_words_searched()
    {
        var hits = Search(Query("vaccines"));

        Assert.Equal([1L, 5L, 8L], hits.Ids.Order());
        Assert.Equal(new Dictionary<string, int> { ["F1"] = 1, ["F2"] = 1, ["F3"] = 1 }, Counts(hits, GrantFacet.Funder));
        Assert.Equal(new Dictionary<string, int> { ["R1"] = 2, ["R2"] = 1, ["R3"] = 1 }, Counts(hits, GrantFacet.Recipient));
        Assert.Equal(new Dictionary<string, int> { ["under-50k"] = 1, ["1m-5m"] = 1, ["250k-1m"] = 1 }, Counts(hits, GrantFacet.AmountBand));
    }

    [Fact]
    public void Values_within_a_facet_are_ored_and_facets_are_anded()
    {
        Assert.Equal([1L, 2L, 3L, 4L, 6L, 8L], Search(Query(filters: (GrantFacet.Funder, ["F1", "F2"]))).Ids.Order());
        Assert.Equal([1L, 2L, 6L, 8L], Search(Query(filters: [(GrantFacet.Funder, ["F1", "F2"]), (GrantFacet.Currency, ["GBP"])])).Ids.Order());
        Assert.Equal([1L, 2L], Search(Query(filters: [(GrantFacet.Funder, ["F1", "F2"]), (GrantFacet.Currency, ["GBP"]), (GrantFacet.Country, ["KE"])])).Ids.Order());
        Assert.Equal([2L, 5L, 8L], Search(Query(filters: [(GrantFacet.Year, ["2024", "2025"])])).Ids.Order());
        Assert.Equal([8L], Search(Query(filters: [(GrantFacet.Partnership, ["glopid-r"])])).Ids);
        Assert.Equal([4L], Search(Query(filters: [(GrantFacet.AmountBand, ["unknown"])])).Ids);
        Assert.Empty(Search(Query(filters: [(GrantFacet.Funder, ["F9"])])).Ids);
    }

    [Fact]
    public void A_facet_with_a_selection_is_counted_without_its_own_filter_but_with_the_others()
    {
        var hits = Search(Query(filters: [(GrantFacet.Funder, ["F1"]), (GrantFacet.Currency, ["GBP"])]));

        Assert.Equal([1L, 2L, 6L], hits.Ids.Order());
        // Funders among GBP grants (1, 2, 6, 8); currencies among F1's grants (1, 2, 6).
        Assert.Equal(new Dictionary<string, int> { ["F1"] = 3, ["F2"] = 1 }, Counts(hits, GrantFacet.Funder));
        Assert.Equal(new Dictionary<string, int> { ["GBP"] = 3 }, Counts(hits, GrantFacet.Currency));
        Assert.Equal(new Dictionary<string, int> { ["R1"] = 2, ["R2"] = 2 }, Counts(hits, GrantFacet.Recipient));
        Assert.True(hits.Facets[GrantFacet.Funder].Single(f => f.Value == "F1").Selected);
        Assert.False(hits.Facets[GrantFacet.Funder].Single(f => f.Value == "F2").Selected);
    }

    [Fact]
    public void With_words_the_ticked_facets_are_counted_the_same_way_in_one_pass()
    {
        // "vaccine" matches 1 (F1, GBP), 5 (F3, USD) and 8 (F2, GBP).
        var hits = Search(Query("vaccine", filters: [(GrantFacet.Funder, ["F1", "F2"]), (GrantFacet.Currency, ["GBP"])]));

        Assert.Equal([1L, 8L], hits.Ids.Order());
        Assert.Equal(2, hits.Total);
        // Funders among the GBP matches; currencies among F1's and F2's matches; the rest over 1 and 8.
        Assert.Equal(new Dictionary<string, int> { ["F1"] = 1, ["F2"] = 1 }, Counts(hits, GrantFacet.Funder));
        Assert.Equal(new Dictionary<string, int> { ["GBP"] = 2 }, Counts(hits, GrantFacet.Currency));
        Assert.Equal(new Dictionary<string, int> { ["R1"] = 2, ["R2"] = 1 }, Counts(hits, GrantFacet.Recipient));

        // Ticking F3 instead: 5 is USD, so nothing passes, but F3 and USD are each one tick away.
        var none = Search(Query("vaccine", filters: [(GrantFacet.Funder, ["F3"]), (GrantFacet.Currency, ["GBP"])]));
        Assert.Empty(none.Ids);
        // F3 is listed because it is ticked; none of its matches is in GBP.
        Assert.Equal(new Dictionary<string, int> { ["F1"] = 1, ["F2"] = 1, ["F3"] = 0 }, Counts(none, GrantFacet.Funder));
        Assert.Equal(new Dictionary<string, int> { ["USD"] = 1, ["GBP"] = 0 }, Counts(none, GrantFacet.Currency));
        Assert.Empty(Counts(none, GrantFacet.Recipient));
    }

    [Fact]
    public void With_live_and_a_ticked_facet_only_running_grants_are_counted()
    {
        // Live: 1, 2, 5, 8. Funder F3 has 5 (live) and 7 (not yet started).
        var hits = Search(Query(live: true, filters: (GrantFacet.Funder, ["F3"])));

        Assert.Equal([5L], hits.Ids);
        Assert.Equal(new Dictionary<string, int> { ["F1"] = 2, ["F2"] = 1, ["F3"] = 1 }, Counts(hits, GrantFacet.Funder));
        Assert.Equal(new Dictionary<string, int> { ["R3"] = 1 }, Counts(hits, GrantFacet.Recipient));
    }

    [Fact]
    public void Only_the_most_frequent_values_are_kept_ties_going_to_the_first_by_value_and_a_selected_value_always()
    {
        var hits = Search(Query(facetLimit: 2));

        // R1 has 5 grants; R2 and R3 have 3 each, and R2 comes first by value.
        Assert.Equal([("R1", 5), ("R2", 3)], hits.Facets[GrantFacet.Recipient].Select(c => (c.Value, c.Count)));
        Assert.Equal([("018", 4), ("004", 1)], hits.Facets[GrantFacet.Hrcs].Select(c => (c.Value, c.Count)));

        var selected = Search(Query(facetLimit: 1, filters: (GrantFacet.Recipient, ["R3"])));
        Assert.Equal([("R1", 5, false), ("R3", 3, true)], selected.Facets[GrantFacet.Recipient].Select(c => (c.Value, c.Count, c.Selected)));
    }

    [Fact]
    public void Live_means_started_by_today_and_ending_today_or_later()
    {
        // 2 starts today and 5 ends today; 3 ended yesterday, 7 starts tomorrow, 4 has no dates.
        Assert.Equal([1L, 2L, 5L, 8L], Search(Query(live: true)).Ids.Order());
        Assert.Equal([1L, 2L, 8L], Search(Query(live: true, filters: (GrantFacet.Currency, ["GBP"]))).Ids.Order());
    }

    [Fact]
    public void Amount_sorts_put_grants_without_a_euro_amount_last_either_way()
    {
        Assert.Equal([6L, 5L, 3L, 8L, 2L, 7L, 1L, 4L], Search(Query(sort: GrantSort.Amount)).Ids);
        Assert.Equal([1L, 7L, 2L, 8L, 3L, 5L, 6L, 4L], Search(Query(sort: GrantSort.AmountAsc)).Ids);
    }

    [Fact]
    public void Date_sorts_break_ties_by_id_so_pages_never_overlap()
    {
        // 2 and 8 were both awarded on 2024-05-05.
        Assert.Equal([7L, 5L, 2L, 8L, 1L, 3L, 4L, 6L], Search(Query(sort: GrantSort.Date)).Ids);
        Assert.Equal([6L, 4L, 3L, 1L, 2L, 8L, 5L, 7L], Search(Query(sort: GrantSort.DateAsc)).Ids);

        var paged = Enumerable.Range(1, 3).SelectMany(page => Search(Query(sort: GrantSort.Date, page: page, pageSize: 3)).Ids).ToList();
        Assert.Equal([7L, 5L, 2L, 8L, 1L, 3L, 4L, 6L], paged);
        Assert.Equal(8, Search(Query(sort: GrantSort.Date, page: 3, pageSize: 3)).Total);
    }

    [Theory]
    [InlineData("malaria AND", "2")]
    [InlineData("\"malaria", "2")]
    [InlineData("malaria)", "2")]
    [InlineData("*malaria", "2")]
    [InlineData("malaria^", "2")]
    [InlineData("OR", "")]
    // Read as the two plain words "title" and "malaria", which no grant has together.
    [InlineData("title:(malaria", "")]
    public void Unreadable_syntax_is_searched_as_plain_words(string text, string expectedIds)
    {
        var hits = Search(Query(text));

        Assert.Equal(expectedIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse), hits.Ids);
    }

    [Fact]
    public void The_exact_identifier_finds_its_grant()
    {
        Assert.Equal([7L], Search(Query("DOC-7")).Ids);
    }

    [Fact]
    public void Organisation_names_are_searched()
    {
        Assert.Equal([4L, 5L, 7L], Search(Query("r3")).Ids.Order());
    }

    /// <summary>
    /// A search split by segment across threads (as on a large index) merges its parts into exactly what one pass
    /// gives: the same page in the same order, the same total and every facet count.
    /// </summary>
    [Fact]
    public void A_search_split_by_segment_gives_what_one_pass_gives()
    {
        GrantSearchQuery[] queries =
        [
            Query("vaccine", filters: [(GrantFacet.Funder, ["F1", "F2"]), (GrantFacet.Currency, ["GBP"])]),
            Query("vaccine", filters: [(GrantFacet.Funder, ["F3"]), (GrantFacet.Currency, ["GBP"])]),
            Query("vaccine OR malaria OR heart OR stroke"),
            Query("vaccine OR malaria OR heart OR stroke", sort: GrantSort.Amount, page: 2, pageSize: 2),
            Query(live: true, filters: (GrantFacet.Funder, ["F3"])),
            Query(live: true, sort: GrantSort.DateAsc, facetLimit: 0),
            Query("r1", sort: GrantSort.AmountAsc, filters: (GrantFacet.Currency, ["GBP", "EUR"])),
        ];
        foreach (var query in queries)
        {
            var whole = Search(query);
            var split = GrantIndexSearcher.Search(_searcher, query, Today, _analyzer, splitFrom: 0);

            Assert.Equal(whole.Ids, split.Ids);
            Assert.Equal(whole.Total, split.Total);
            foreach (var facet in GrantFacet.All) Assert.Equal(whole.Facets[facet], split.Facets[facet]);
        }
        // The mix is not trivially empty: the first query finds 1 and 8, the third six grants across the three segments.
        Assert.Equal([1L, 8L], GrantIndexSearcher.Search(_searcher, queries[0], Today, _analyzer, splitFrom: 0).Ids.Order());
        Assert.Equal(6, GrantIndexSearcher.Search(_searcher, queries[2], Today, _analyzer, splitFrom: 0).Total);
    }

    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("0", "under-50k")]
    [InlineData("49999.99", "under-50k")]
    [InlineData("50000", "50k-250k")]
    [InlineData("249999.99", "50k-250k")]
    [InlineData("250000", "250k-1m")]
    [InlineData("999999.99", "250k-1m")]
    [InlineData("1000000", "1m-5m")]
    [InlineData("4999999.99", "1m-5m")]
    [InlineData("5000000", "5m-plus")]
    [InlineData("20000000", "5m-plus")]
    public void Amount_bands_start_at_their_lower_bound(string? eur, string band)
    {
        Assert.Equal(band, AmountBands.Of(eur is null ? null : decimal.Parse(eur, System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
