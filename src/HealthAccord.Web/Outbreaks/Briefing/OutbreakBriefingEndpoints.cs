using HealthAccord.Data;
using HealthAccord.Web.Pathogens;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAccord.Web.Outbreaks.Briefing;

public static class OutbreakBriefingEndpoints
{
    public static void MapOutbreakBriefingEndpoint(this IEndpointRouteBuilder api) =>
        api.MapGet("/outbreaks/{id:int}/briefing", Get).WithTags("Outbreaks").ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetOutbreakBriefing")
            .WithSummary("The briefing for an outbreak's convening")
            .WithDescription("The pathogen briefing (as GET /api/v1/pathogens/{code}/briefing) with the outbreak's affected countries " +
                "singled out, and the new calls funders have announced in answer to the alert (openCalls). Assembled on each request.");

    public static async Task<Results<EtaggedJson<OutbreakBriefing>, ProblemHttpResult>> Get(int id, HealthAccordDbContext db,
        PathogenBriefingQuery portfolio, TimeProvider clock, CancellationToken ct)
    {
        var briefing = await OutbreakBriefings.AssembleAsync(db, portfolio, id, clock.Today(), ct);
        return briefing is null ? Problems.NotFound("Outbreak", $"{id}") : ETags.Json(briefing);
    }
}
