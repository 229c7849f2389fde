using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// Words are matched in one catch-all field holding the title, the description and the organisations' names, with the
/// title scoring extra; an index written before that field existed is still searched field by field.
/// </summary>
public sealed class GrantCatchAllFieldTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = GrantDocuments.CreateAnalyzer();
    private readonly List<IndexReader> _readers = [];

    private static GrantIndexRow Row(long id, string title, string? description, string funder, string recipient, int year = 2024) =>
        new(id, $"CA-{id}", title, description, "EUR", 100_000m, new DateOnly(year, 3, 1), null, null,
            [new GrantIndexParticipant(ParticipantRole.Funder, funder, "FR"), new GrantIndexParticipant(ParticipantRole.Lead, recipient, "KE")],
            [], [], []);

    private static readonly GrantIndexRow[] Rows =
    [
        Row(1, "Malaria vaccine", "A trial in young children.", "Example Institute", "Coastal Hospital"),
        Row(2, "Child health", "A vaccine trial against malaria in three districts of the coast.", "Research Institutes Network", "Lake Clinic"),
        Row(3, "Heart study", "Trial of statins in older adults.", "Cardio Fund", "Hill University", 2023),
    ];

    private IndexSearcher Index(IEnumerable<Document> documents, int perSegment = int.MaxValue)
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(GrantDocuments.Version, _analyzer)))
        {
            foreach (var segment in documents.Chunk(perSegment))
            {
                foreach (var document in segment) writer.AddDocument(document);
                writer.Commit();
            }
        }
        var reader = DirectoryReader.Open(_directory);
        _readers.Add(reader);
        return new IndexSearcher(reader);
    }

    private IndexSearcher IndexRows() => Index([.. Rows.Select(r => GrantDocuments.Create(r))]);

    private GrantHits Search(IndexSearcher searcher, string text, params (GrantFacet Facet, string[] Values)[] filters) =>
        GrantIndexSearcher.Search(searcher,
            new GrantSearchQuery(text, filters.ToDictionary(f => f.Facet, f => (IReadOnlyList<string>)f.Values), false, GrantSort.Relevance, 1, 20, 20),
            Today, _analyzer);

    [Fact]
    public void A_grant_is_found_by_a_word_of_its_title_description_or_an_organisation_name()
    {
        var searcher = IndexRows();

        Assert.True(GrantDocuments.HasCatchAll(searcher.IndexReader));
        Assert.Equal([3L], Search(searcher, "heart").Ids);
        Assert.Equal([3L], Search(searcher, "statins").Ids);
        Assert.Equal([3L], Search(searcher, "cardio").Ids);
        // Every word is required, wherever each one is: "clinic" is a recipient's name, "districts" in the description.
        Assert.Equal([2L], Search(searcher, "clinic districts").Ids);
        Assert.Empty(Search(searcher, "clinic statins").Ids);
    }

    [Fact]
    public void Words_fielded_to_the_description_or_the_organisations_are_looked_for_in_the_catch_all_field()
    {
        var searcher = IndexRows();

        // Those fields are not indexed any more; a saved search naming them still finds what it found before.
        Assert.Equal([2L], Search(searcher, "description:districts").Ids);
        Assert.Equal([2L], Search(searcher, "description:\"vaccine trial\"").Ids);
        Assert.Equal([3L], Search(searcher, "orgs:cardio").Ids);
        Assert.Equal([3L], Search(searcher, "orgs:hill* statins").Ids);
        // The title keeps its own field.
        Assert.Equal([1L], Search(searcher, "title:vaccine").Ids);
    }

    [Fact]
    public void Organisation_names_are_stemmed_like_the_rest_of_the_text()
    {
        var searcher = IndexRows();

        Assert.Equal([1L, 2L], Search(searcher, "institutes").Ids.Order());
    }

    [Fact]
    public void A_phrase_never_runs_from_the_title_into_the_description()
    {
        var searcher = IndexRows();

        // Title "Heart study", description "Trial of statins…": the words are adjacent only across the boundary.
        Assert.Empty(Search(searcher, "\"study trial\"").Ids);
        Assert.Empty(Search(searcher, "\"study trial\"~5").Ids);
        Assert.Equal([3L], Search(searcher, "\"trial of statins\"").Ids);
    }

    [Fact]
    public void A_word_in_the_title_ranks_above_the_same_word_only_in_the_description()
    {
        var searcher = IndexRows();

        // Both have "malaria", "vaccine" and "trial"; grant 1 has the first two in its title.
        Assert.Equal([1L, 2L], Search(searcher, "malaria").Ids);
        Assert.Equal([1L, 2L], Search(searcher, "vaccine trial").Ids);
    }

    [Fact]
    public void Snippets_mark_the_words_in_the_description()
    {
        var highlight = GrantIndexSearcher.HighlightQuery("malaria vaccine", _analyzer);

        var terms = new HashSet<Term>();
        highlight!.ExtractTerms(terms);
        Assert.Equal(["description:malaria", "description:vaccin"], terms.Select(t => t.ToString()).Order());
        Assert.Null(GrantIndexSearcher.HighlightQuery("  ", _analyzer));
    }

    [Fact]
    public void An_index_written_before_the_catch_all_field_is_searched_field_by_field()
    {
        var searcher = Index([.. Rows.Select(OldLayout)]);

        Assert.False(GrantDocuments.HasCatchAll(searcher.IndexReader));
        Assert.Equal([3L], Search(searcher, "statins").Ids);
        Assert.Equal([2L], Search(searcher, "clinic districts").Ids);
        Assert.Equal([1L, 2L], Search(searcher, "malaria").Ids.Order());
    }

    [Fact]
    public void An_empty_index_counts_as_written_with_the_catch_all_field()
    {
        var searcher = Index([]);

        Assert.True(GrantDocuments.HasCatchAll(searcher.IndexReader));
        Assert.Empty(Search(searcher, "malaria").Ids);
    }

    /// <summary>
    /// The two-facet pass reads the ticked facets from memory for every posting of the words; a deleted grant must stay
    /// out of its hits and out of every count, in whichever segment it is.
    /// </summary>
    [Fact]
    public void A_deleted_grant_is_left_out_of_a_search_with_two_facets_ticked()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(GrantDocuments.Version, _analyzer)))
        {
            foreach (var row in Rows)
            {
                writer.AddDocument(GrantDocuments.Create(row));
                writer.Commit();
            }
            writer.DeleteDocuments(new Term(GrantDocuments.Id, "2"));
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(_directory);
        var searcher = new IndexSearcher(reader);

        var hits = Search(searcher, "trial", (GrantFacet.Year, ["2024", "2023"]), (GrantFacet.Currency, ["EUR"]));

        Assert.Equal([1L, 3L], hits.Ids.Order());
        Assert.Equal(2, hits.Total);
        Assert.Equal(new Dictionary<string, int> { ["2024"] = 1, ["2023"] = 1 }, hits.Facets[GrantFacet.Year].ToDictionary(c => c.Value, c => c.Count));
        Assert.Equal(new Dictionary<string, int> { ["EUR"] = 2 }, hits.Facets[GrantFacet.Currency].ToDictionary(c => c.Value, c => c.Count));
        Assert.DoesNotContain(hits.Facets[GrantFacet.Recipient], c => c.Value == "Lake Clinic");
    }

    /// <summary>A grant as indexes before the catch-all field held it: title, description and organisations apart.</summary>
    internal static Document OldLayout(GrantIndexRow row)
    {
        var document = new Document
        {
            new StringField(GrantDocuments.Id, GrantDocuments.IdText(row.Id), Field.Store.NO),
            new NumericDocValuesField(GrantDocuments.SortId, row.Id),
            new StringField(GrantDocuments.Identifier, row.Identifier, Field.Store.NO),
            new TextField(GrantDocuments.Title, row.Title, Field.Store.NO),
            new NumericDocValuesField(GrantDocuments.AwardDate, GrantDocuments.DateNumber(row.AwardDate)),
        };
        if (row.Description is { } description) document.Add(new TextField(GrantDocuments.Description, description, Field.Store.NO));
        foreach (var participant in row.Participants) document.Add(new TextField(GrantDocuments.Organisations, participant.Name, Field.Store.NO));
        return document;
    }

    public void Dispose()
    {
        foreach (var reader in _readers) reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
