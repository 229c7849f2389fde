using System.ComponentModel;
using HealthAccord.Data;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Pathogens;

public static class PathogenEndpoints
{
    /// <summary>
    /// Not output-cached, like the grants they summarise: imports change them without an editor's write, and an outbreak
    /// briefing must show the portfolio as it is now.
    /// </summary>
    public static void MapPathogenEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/pathogens").WithTags("Pathogens");
        group.MapGet("/", List).WithName("ListPathogens")
            .WithSummary("List the pathogens grants are tagged with")
            .WithDescription("The whole catalogue (WHO R&D Blueprint priority diseases, Disease X and other major infections), each with its " +
                "number of grants in the portfolio, zero included.");
        group.MapGet("/{code}/briefing", Briefing).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetPathogenBriefing")
            .WithSummary("What the portfolio holds on one pathogen")
            .WithDescription("Grants tagged with the pathogen: count and euro total (grants without a euro amount counted apart, per currency), " +
                "grants running today, and breakdowns by research country, funder, HRCS category (the top 10 of each, the rest folded into " +
                "'other') and award year; the latest and the largest grants; the partnerships the grants are linked to, with their " +
                "secretariat and website. countries (ISO 3166-1 alpha-2, comma-separated, e.g. GN,SL) adds the grants researching in those " +
                "countries, with their funders. An unknown country code is a 400 naming the countries field.");
    }

    public static async Task<EtaggedJson<PathogenList>> List(PathogenBriefingQuery query, CancellationToken ct) =>
        ETags.Json(await query.ListAsync(ct));

    public static async Task<Results<EtaggedJson<PathogenBriefing>, ValidationProblem, ProblemHttpResult>> Briefing(
        string code,
        [FromQuery(Name = "countries"), Description("ISO 3166-1 alpha-2 codes to single out, comma-separated (GN,SL) or repeated.")] string[]? countries,
        PathogenBriefingQuery query, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock, CancellationToken ct)
    {
        if (PathogenCatalogue.Find(code.ToLowerInvariant()) is not { } pathogen) return Problems.NotFound("Pathogen", code);
        var validation = new Validation();
        var focus = BriefingCountries.Parse(countries ?? [], await labels.CountriesAsync(db, ct), validation);
        if (!validation.IsValid) return Problems.Invalid(validation);
        var briefing = await query.BriefAsync(pathogen.Code, focus, clock.Today(), ct);
        return briefing is null ? Problems.NotFound("Pathogen", code) : ETags.Json(briefing);
    }
}
