using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Web.Grants.Editing;
using HealthAccord.Web.Grants.Export;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAccord.Web.Grants;

public static class GrantEndpoints
{
    /// <summary>
    /// Not output-cached, unlike the registry: a search is a few milliseconds of index work plus one small read of the
    /// page of grants, and a grant's record must show an edit at once.
    /// </summary>
    public static void MapGrantEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/grants").WithTags("Grants");
        group.MapGet("/", Search).WithName("SearchGrants")
            .WithSummary("Search grants")
            .WithDescription("Full-text search over title, description and organisation names (Lucene classic syntax; every word must match; " +
                "English stemming, so 'vaccines' finds 'vaccine'), with filters that can each be given several times: values of one filter " +
                "are alternatives, different filters must all hold. live=true keeps grants running today. sort is relevance (the default with q), " +
                "amount, amount-asc, date (newest first; the default without q) or date-asc. Each result has an HTML snippet with the matched " +
                "words in <mark>; facets count the matching grants per value (facetLimit values each, 0 for none).");
        group.MapGet("/{id:long}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetGrant")
            .WithSummary("Get one grant")
            .WithDescription("The whole record: funders and recipients with their roles and shares, the amount in the award currency and in " +
                "euros with the ECB rate and its date, countries, pathogens with the rule that tagged each, HRCS health categories, " +
                "partnerships, and the dataset and row it was imported from.");
        group.MapGrantExportEndpoint();
        group.MapGrantEditEndpoints();
    }

    public static async Task<Results<EtaggedJson<GrantSearchResponse>, ValidationProblem>> Search(
        [AsParameters] GrantSearchRequest request, GrantSearch search, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var query = request.ToQuery(validation);
        if (!validation.IsValid) return Problems.Invalid(validation);
        var result = await search.SearchAsync(query, ct);
        return ETags.Json(ToResponse(result, http.Request));
    }

    public static async Task<Results<EtaggedJson<GrantDetail>, ProblemHttpResult>> Get(
        long id, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock, CancellationToken ct)
    {
        var detail = await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct);
        return detail is null ? Problems.NotFound("Grant", id.ToString(CultureInfo.InvariantCulture)) : ETags.Json(detail);
    }

    private static GrantSearchResponse ToResponse(GrantSearchResult result, HttpRequest request)
    {
        var query = result.Query;
        var lastPage = Math.Max(1, (int)Math.Ceiling(result.Total / (double)query.PageSize));
        string Link(int page) => Paging.LinkTo(request, ("page", page.ToString(CultureInfo.InvariantCulture)));
        return new GrantSearchResponse(result.Items, result.Total, query.Page, query.PageSize, result.Facets, new GrantSearchLinks(
            Self: Link(query.Page),
            Next: query.Page < lastPage && (query.Page + 1) * query.PageSize <= GrantSearchRequest.MaxResultWindow ? Link(query.Page + 1) : null,
            Prev: query.Page > 1 ? Link(Math.Min(query.Page - 1, lastPage)) : null));
    }
}
