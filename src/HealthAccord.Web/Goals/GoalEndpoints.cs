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
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } denied) return denied;
        if (!validation.IsValid) return Problems.Invalid(validation);
        var goal = new Goal { Statement = "", Indicator = "" };
        input.ApplyTo(goal, parsed);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (goal.IsHeadline) await ClearHeadlineAsync(db, goal.PartnershipId, null, ct);
        db.Goals.Add(goal);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/goals/{goal.Id}", (await GoalQueries.DetailAsync(db, goal.Id, clock.Today(), ct))!);
    }

    public static async Task<Results<EtaggedJson<GoalDto>, ValidationProblem, ProblemHttpResult>> Update(
        int id, GoalInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var current = await GoalQueries.DetailAsync(db, id, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Goal", $"{id}");
        var goal = await db.Goals.SingleAsync(g => g.Id == id, ct);
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // Moving the goal to another partnership needs the right to edit that one too.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } deniedTarget) return deniedTarget;
        if (!validation.IsValid) return Problems.Invalid(validation);

        if (goal.Version != current.Version) return Preconditions.Conflict();
        input.ApplyTo(goal, parsed);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (goal.IsHeadline) await ClearHeadlineAsync(db, goal.PartnershipId, goal.Id, ct);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        await transaction.CommitAsync(ct);
        return ETags.Json((await GoalQueries.DetailAsync(db, id, clock.Today(), ct))!);
    }

    /// <summary>A partnership has one headline goal; promoting another demotes the current one.</summary>
    internal static async Task ClearHeadlineAsync(HealthAccordDbContext db, int partnershipId, int? keepId, CancellationToken ct)
    {
        var others = await db.Goals.Where(g => g.PartnershipId == partnershipId && g.IsHeadline && g.Id != keepId).ToListAsync(ct);
        foreach (var other in others) other.IsHeadline = false;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var current = await GoalQueries.DetailAsync(db, id, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Goal", $"{id}");
        var goal = await db.Goals.SingleAsync(g => g.Id == id, ct);
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;
        if (goal.Version != current.Version) return Preconditions.Conflict();
        db.Goals.Remove(goal);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<MeasurementDto>, ValidationProblem, ProblemHttpResult>> AddMeasurement(
        int id, MeasurementInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Problems.NotFound("Goal", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        var validation = input.Validate(clock.Today(), out var measuredOn);
        if (!validation.IsValid) return Problems.Invalid(validation);
        var measurement = input.ToMeasurement(id, measuredOn);
        db.Measurements.Add(measurement);
        // A new measurement changes the goal's progress, so the goal's version (and ETag) moves with it. The client
        // did not condition the add on a version, so losing the race to another writer is retried, not reported.
        for (var attempt = 1; ; attempt++)
        {
            db.Entry(goal).State = EntityState.Modified;
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/goals/{id}", MeasurementDto.From(measurement));
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(goal).ReloadAsync(ct);
                if (db.Entry(goal).State == EntityState.Detached) return Problems.NotFound("Goal", $"{id}");
            }
            catch (DbUpdateConcurrencyException)
            {
                return Preconditions.Conflict();
            }
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMeasurement(
        int id, int measurementId, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var measurement = await db.Measurements.Include(m => m.Goal).SingleOrDefaultAsync(m => m.Id == measurementId && m.GoalId == id, ct);
        if (measurement is null) return Problems.NotFound("Measurement", $"{measurementId}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(measurement.Goal.PartnershipId)) is { } denied) return denied;
        db.Measurements.Remove(measurement);
        db.Entry(measurement.Goal).State = EntityState.Modified;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return TypedResults.NoContent();
    }
}
