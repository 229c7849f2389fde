using HealthAccord.Data;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Countries;

public sealed record CountryListRequest(
    [property: FromQuery] string? Q,
    [property: FromQuery] string? Region,
    [property: FromQuery] string? IncomeGroup,
    [property: FromQuery] bool? Active,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class CountryEndpoints
{
    public static void MapCountryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/countries").WithTags("Countries");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListCountries")
            .WithSummary("List countries (ISO 3166-1, with World Bank income group)")
            .WithDescription("Reference data with registry counts. Filter by text, region, incomeGroup or active=true (only countries with organisations or seats); format=csv or json downloads every match.");
        group.MapGet("/{code}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetCountry")
            .WithSummary("Get one country with its organisations, partnership seats and agreements")
            .WithDescription("The code is ISO 3166-1 alpha-2 (any letter case); EU is the European Union.");
    }

    public static async Task<Results<EtaggedJson<Page<CountrySummary>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] CountryListRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var filter = new CountryFilter(request.Q, request.Region, request.IncomeGroup, request.Active);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "countries",
            (page, size) => CountryQueries.ListAsync(db, filter, page, size, ct), CountryCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<CountryDetail>, ProblemHttpResult>> Get(string code, HealthAccordDbContext db, CancellationToken ct)
    {
        var detail = code.Length == 2 ? await CountryQueries.DetailAsync(db, code, ct) : null;
        return detail is null ? Problems.NotFound("Country", code) : ETags.Json(detail);
    }
}
