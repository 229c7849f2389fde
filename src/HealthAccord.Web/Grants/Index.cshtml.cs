using HealthAccord.Web.Grants.Export;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Grants;

/// <summary>
/// /grants: search and facets in one GET form, so every search is a bookmarkable address and works without
/// JavaScript. Values the search cannot use are named at the top of the page and left out, never a failure.
/// </summary>
public sealed class IndexModel(GrantSearch search, TimeProvider clock) : PageModel
{
    public GrantSearchQuery Query { get; private set; } = GrantSearchQuery.Everything();
    public GrantSearchResult Result { get; private set; } = null!;
    public IReadOnlyList<string> SearchProblems { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>Every match of this search as a file, one link per format.</summary>
    public IReadOnlyList<GrantExportLink> Exports { get; private set; } = [];

    /// <summary>The order the reader picked, or null when the default applies (relevance with words, else newest).</summary>
    public GrantSort? ChosenSort { get; private set; }

    public string ResultsHeading => (Result.Total, Query.IsFiltered) switch
    {
        (0, _) => "No matching grants",
        (1, true) => "1 grant matches",
        (_, true) => $"{DisplayText.Number(Result.Total)} grants match",
        (1, false) => "1 grant",
        _ => $"{DisplayText.Number(Result.Total)} grants",
    };

    /// <summary>Facets worth showing: those with values among the results, or with a value ticked.</summary>
    public IEnumerable<(GrantFacet Facet, IReadOnlyList<FacetValue> Values)> Facets =>
        GrantFacet.All.Select(f => (f, Result.Facets[f])).Where(f => f.Item2.Count > 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        GrantPageCaching.DoNotCache(HttpContext);
        Today = clock.Today();
        var validation = new Validation();
        var request = GrantSearchRequest.From(Request.Query, validation);
        Query = request.ToQuery(validation);
        ChosenSort = request.Sort is { } sort && GrantSearchRequest.SortNames.TryGetValue(sort.Trim(), out var chosen) ? chosen : null;
        SearchProblems = validation.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")).ToList();
        Result = await search.SearchAsync(Query, ct);
        Exports = GrantExportLinks.For(Query, ChosenSort);
        // The pager stops where the API does: deep pages are refused there too.
        Pager = Pager.For(Request, Query.Page, Query.PageSize, Math.Min(Result.Total, GrantSearchRequest.MaxResultWindow));
    }
}
