using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Goals;

public sealed record GoalListRequest(
    [property: FromQuery] string? Partnership,
    [property: FromQuery] bool? Headline,
    [property: FromQuery] string? Status,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public sealed record GoalCsvRow(int Id, string Partnership, bool IsHeadline, string Statement, string Indicator, string? Unit, string Direction,
    decimal? Target, string? Deadline, string Progress, decimal? LatestValue, string? LatestOn)
{
    public static GoalCsvRow From(GoalDto g) => new(g.Id, g.PartnershipSlug, g.IsHeadline, g.Statement, g.Indicator, g.Unit, EnumValues.Spell(g.Direction),
        g.Target, g.Deadline ?? g.DeadlineNote, EnumValues.Spell(g.Progress.Status), g.Progress.LatestValue, g.Progress.LatestOn);
}

public static class GoalEndpoints
{
    public static void MapGoalEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/goals").WithTags("Goals");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListGoals")
            .WithSummary("List goals with their indicators and progress")
            .WithDescription("Filter by partnership slug, headline (true for each partnership's headline goal) or progress status; format=csv or json downloads every match.");
        group.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetGoal").WithSummary("Get one goal")
            .WithDescription("The goal with its indicator, all measurements and the progress derived from the latest one.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/", Create).WithName("CreateGoal").WithSummary("Create a goal")
            .WithDescription("Marking it the headline goal takes that mark from the partnership's previous headline goal.");
        writes.MapPut("/{id:int}", Update).WithPreconditions().WithName("UpdateGoal")
            .WithSummary("Replace a goal's fields").WithDescription("Send If-Match with the ETag from GET.");
        writes.MapDelete("/{id:int}", Delete).WithPreconditions().WithName("DeleteGoal")
            .WithSummary("Delete a goal with its measurements").WithDescription("Send If-Match with the ETag from GET.");
        writes.MapPost("/{id:int}/measurements", AddMeasurement).WithName("AddMeasurement")
            .WithSummary("Record a measurement of a goal's indicator")
            .WithDescription("Every measurement names its source; the goal's progress and version change with it.");
        writes.MapDelete("/{id:int}/measurements/{measurementId:int}", DeleteMeasurement).WithName("DeleteMeasurement")
            .WithSummary("Remove a measurement recorded in error")
            .WithDescription("The goal's progress is recomputed from the remaining measurements.");
    }

    public static async Task<Results<EtaggedJson<Page<GoalDto>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] GoalListRequest request, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var status = EnumValues.Parse<ProgressStatus>(validation, "status", request.Status);
        var filter = new GoalFilter(request.Partnership, request.Headline, status);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "goals",
            (page, size) => GoalQueries.ListAsync(db, filter, page, size, clock.Today(), ct), GoalCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<GoalDto>, ProblemHttpResult>> Get(int id, HealthAccordDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var goal = await GoalQueries.DetailAsync(db, id, clock.Today(), ct);
        return goal is null ? Problems.NotFound("Goal", $"{id}") : ETags.Json(goal);
    }

    public static async Task<Results<Created<GoalDto>, ValidationProblem, ProblemHttpResult>> Create(
        GoalInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var outcome = await GoalWrites.CreateAsync(http, db, input, ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        var id = outcome.Record!.Id;
        return TypedResults.Created($"/api/v1/goals/{id}", (await GoalQueries.DetailAsync(db, id, clock.Today(), ct))!);
    }

    public static async Task<Results<EtaggedJson<GoalDto>, ValidationProblem, ProblemHttpResult>> Update(
        int id, GoalInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var current = await GoalQueries.DetailAsync(db, id, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Goal", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(await PartnershipOfAsync(db, id, ct))) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await GoalWrites.UpdateAsync(http, db, id, current.Version, input, ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        return ETags.Json((await GoalQueries.DetailAsync(db, id, clock.Today(), ct))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var current = await GoalQueries.DetailAsync(db, id, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Goal", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(await PartnershipOfAsync(db, id, ct))) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await GoalWrites.DeleteAsync(http, db, id, current.Version, ct);
        if (outcome.Refused is { } refused) return refused;
        return TypedResults.NoContent();
    }

    private static Task<int> PartnershipOfAsync(HealthAccordDbContext db, int goalId, CancellationToken ct) =>
        db.Goals.Where(g => g.Id == goalId).Select(g => g.PartnershipId).SingleAsync(ct);

    public static async Task<Results<Created<MeasurementDto>, ValidationProblem, ProblemHttpResult>> AddMeasurement(
        int id, MeasurementInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var outcome = await GoalWrites.AddMeasurementAsync(http, db, id, input, clock.Today(), ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        return TypedResults.Created($"/api/v1/goals/{id}", MeasurementDto.From(outcome.Record!));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMeasurement(
        int id, int measurementId, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var outcome = await GoalWrites.DeleteMeasurementAsync(http, db, id, measurementId, ct);
        if (outcome.Refused is { } refused) return refused;
        return TypedResults.NoContent();
    }
}
