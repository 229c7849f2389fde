using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Shared;
using Lucene.Net.Analysis;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

public sealed record GrantSearchResult(GrantSearchQuery Query, IReadOnlyList<GrantListItem> Items, int Total, GrantFacets Facets);

/// <summary>
/// A grant search as the API and the /grants page run it: the index finds and counts, then the page of grants is
/// read from the database. A hit whose grant the database no longer holds is left out (and removed from the index),
/// so a result always shows what the database says.
/// </summary>
public sealed class GrantSearch(GrantIndex index, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock)
{
    private const int SnippetFragmentChars = 160;
    private const int SnippetFragments = 2;

    public async Task<GrantSearchResult> SearchAsync(GrantSearchQuery query, CancellationToken ct)
    {
        var today = clock.Today();
        var hits = index.Search(searcher => GrantIndexSearcher.Search(searcher, query, today, index.Analyzer));

        var rows = await ListRows(db.Grants.Where(g => EF.Parameter(hits.Ids).Contains(g.Id))).ToDictionaryAsync(r => r.Id, ct);
        var stale = hits.Ids.Where(id => !rows.ContainsKey(id)).ToList();
        index.DropStaleHits(stale);

        var snippets = new SnippetWriter(hits.HighlightQuery, index.Analyzer);
        var items = hits.Ids.Where(rows.ContainsKey).Select(id => ToItem(rows[id], snippets.For(rows[id].Description), today)).ToList();
        var facets = await labels.LabelAsync(hits.Facets, db, ct);
        return new GrantSearchResult(query, items, Math.Max(0, hits.Total - stale.Count), facets);
    }

    public static bool IsLive(DateOnly? start, DateOnly? end, DateOnly today) =>
        start is { } s && end is { } e && s <= today && today <= e;

    private sealed record ListRow(
        long Id, string Identifier, string Title, string? Description, decimal AmountAwarded, string Currency, decimal? AmountEur,
        DateOnly AwardDate, DateOnly? PlannedStart, DateOnly? PlannedEnd, List<ParticipantRow> Participants, List<string> Countries, List<string> Pathogens);

    private sealed record ParticipantRow(int OrganisationId, string Name, ParticipantRole Role);

    private static IQueryable<ListRow> ListRows(IQueryable<Grant> grants) =>
        grants.AsNoTracking().Select(g => new ListRow(
            g.Id, g.Identifier, g.Title, g.Description, g.AmountAwarded, g.Currency, g.AmountEur, g.AwardDate, g.PlannedStart, g.PlannedEnd,
            g.Participants.OrderBy(p => p.Position).Select(p => new ParticipantRow(p.OrganisationId, p.Organisation.Name, p.Role)).ToList(),
            g.Countries.OrderBy(c => c.CountryCode).Select(c => c.CountryCode).ToList(),
            g.Pathogens.OrderBy(p => p.Pathogen).Select(p => p.Pathogen).ToList()))
        .AsSplitQuery();

    private static GrantListItem ToItem(ListRow g, string? snippet, DateOnly today)
    {
        GrantOrganisationRef Ref(ParticipantRow p) => new(p.OrganisationId, p.Name, p.Role, $"/organisations/{p.OrganisationId}");
        // The lead is listed first among the recipients, whatever its position in the source.
        var recipients = g.Participants.Where(p => p.Role != ParticipantRole.Funder).OrderBy(p => p.Role == ParticipantRole.Lead ? 0 : 1).Select(Ref).ToList();
        return new GrantListItem(g.Id, g.Identifier, g.Title, snippet, g.AmountAwarded, g.Currency, g.AmountEur, g.AwardDate,
            g.PlannedStart, g.PlannedEnd, IsLive(g.PlannedStart, g.PlannedEnd, today),
            g.Participants.Where(p => p.Role == ParticipantRole.Funder).Select(Ref).ToList(), recipients,
            g.Countries, g.Pathogens, $"/grants/{g.Id}");
    }

    /// <summary>
    /// Snippets from Lucene's highlighter. The encoder HTML-escapes all of the grant's text, between and inside the
    /// &lt;mark&gt; tags the formatter adds, so a snippet is safe to insert into a page as HTML.
    /// </summary>
    private sealed class SnippetWriter(Query? query, Analyzer analyzer)
    {
        private static readonly SimpleHTMLEncoder Encoder = new();
        private readonly Highlighter? _highlighter = query is null ? null : Create(query);

        private static Highlighter Create(Query query)
        {
            var scorer = new QueryScorer(query, GrantDocuments.Description);
            return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), Encoder, scorer)
            {
                TextFragmenter = new SimpleSpanFragmenter(scorer, SnippetFragmentChars),
            };
        }

        public string? For(string? description)
        {
            if (string.IsNullOrWhiteSpace(description)) return null;
            if (_highlighter is not null)
            {
                var fragments = _highlighter.GetBestFragments(analyzer, GrantDocuments.Description, description, SnippetFragments);
                if (fragments.Length > 0) return string.Join(" … ", fragments.Select(f => f.Trim()));
            }
            // No words given, or they matched only the title or an organisation: the opening of the description.
            return Encoder.EncodeText(DisplayText.Excerpt(description, SnippetFragmentChars));
        }
    }
}
