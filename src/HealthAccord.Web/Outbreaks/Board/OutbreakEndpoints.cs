using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Outbreaks.Responses;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>
/// The outbreak API of the clock's side: reading outbreaks with their clock, recording (or clearing) the convening,
/// closing, and a funder's answers. Reads are not cached: the clock moves with every request.
/// </summary>
public static class OutbreakEndpoints
{
    public static void MapOutbreakBoardEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/outbreaks").WithTags("Outbreaks");
        group.MapGet("/", List).WithName("ListOutbreaks")
            .WithSummary("List outbreaks with their clock")
            .WithDescription("Active outbreaks first (newest trigger first), then closed ones; each with its hours since the trigger and overall status.");
        group.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetOutbreak")
            .WithSummary("Get one outbreak with its 48-hour clock")
            .WithDescription("The declaration, countries, partnerships and sources; the clock with each milestone's state and measured hours; every funder's answers with their timestamped steps.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/{id:int}/convening", RecordConvening).WithName("RecordOutbreakConvening")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record when the funders' convening was held")
            .WithDescription("For editors of a partnership the outbreak concerns. convenedAt is UTC, not before the trigger and not in the future; " +
                "sending it again corrects it. Also records the measured response time on GloPID-R's headline goal. Refused (409) once the outbreak is closed.");
        writes.MapDelete("/{id:int}/convening", ClearConvening).WithName("ClearOutbreakConvening")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Clear a convening recorded by mistake")
            .WithDescription("For editors of a partnership the outbreak concerns. The convening milestone is no longer reached, and the measured " +
                "response time it put on GloPID-R's headline goal is removed. version (optional) is the outbreak's version the writer saw; when it " +
                "is no longer stored, nothing is changed (409). Refused (409) when no convening is recorded or the outbreak is closed.");
        writes.MapPost("/{id:int}/close", Close).WithName("CloseOutbreak")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Close the response to an outbreak")
            .WithDescription("Stops its clock; milestones not reached by then are missed, and no more answers are taken.");
        writes.MapPost("/{id:int}/responses/{responseId:int}", Answer).WithName("AnswerOutbreakAlert")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Answer an outbreak alert for a funder")
            .WithDescription("For the funder's representative (or an administrator): acknowledge, say whether you will join the convening, and state a " +
                "commitment (newCall with optional commitmentUrl and budget, repurposedFunds with commitmentAmount and commitmentCurrency, inKind with " +
                "commitmentNote, or none). An answer identical to the stored one changes nothing. Refused (409) once the outbreak is closed.");
        writes.MapPost("/{id:int}/responses/{responseId:int}/recorded", RecordAnswer).WithName("RecordOutbreakAnswer")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Write down an answer a funder gave by phone or email")
            .WithDescription("For editors of a partnership the outbreak concerns (or an administrator), when a funder answered the secretariat " +
                "rather than through its link or the API: channel (phone or email) says how the answer came, and the other fields and rules are " +
                "those of answering for the funder. The funder's timeline shows the channel and who wrote the answer down. Refused (409) once " +
                "the outbreak is closed.");
    }

    public static async Task<Ok<List<OutbreakSummary>>> List(HealthAccordDbContext db, TimeProvider clock, ClockRules rules, CancellationToken ct) =>
        TypedResults.Ok(await OutbreakQueries.ListAsync(db, clock.GetUtcNow().UtcDateTime, rules, ct));

    public static async Task<Results<Ok<OutbreakDetail>, ProblemHttpResult>> Get(int id, HealthAccordDbContext db, TimeProvider clock, ClockRules rules,
        CancellationToken ct)
    {
        var detail = await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct);
        return detail is null ? Problems.NotFound("Outbreak", $"{id}") : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> RecordConvening(int id, ConveningInput input,
        HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, CancellationToken ct)
    {
        var outcome = await OutbreakSteeringWrites.RecordConveningAsync(http, db, id, input, ct);
        return await AnswerWithAsync(outcome.Refused, outcome.Invalid, id, db, http, clock, rules, ct);
    }

    public static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> ClearConvening(int id, int? version,
        HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, CancellationToken ct)
    {
        var outcome = await OutbreakSteeringWrites.ClearConveningAsync(http, db, id, version, ct);
        return await AnswerWithAsync(outcome.Refused, outcome.Invalid, id, db, http, clock, rules, ct);
    }

    public static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> Close(int id, CloseInput? input,
        HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, CancellationToken ct)
    {
        var outcome = await OutbreakSteeringWrites.CloseAsync(http, db, id, input ?? new CloseInput(null), ct);
        return await AnswerWithAsync(outcome.Refused, outcome.Invalid, id, db, http, clock, rules, ct);
    }

    public static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> Answer(int id, int responseId, AnswerInput input,
        HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, History.ChangeActor actor, CancellationToken ct)
    {
        var response = await ResponseAnswers.LoadAsync(db, id, responseId, ct);
        if (response is null) return Problems.NotFound("Outbreak response", $"{id}/{responseId}");
        if (await http.AuthorizeWriteAsync(new OutbreakAnswer(response.OrganisationId)) is { } denied) return denied;
        var outcome = await ResponseAnswers.ApplyAsync(db, response, input,
            new Answerer(HealthAccord.Data.Outbreaks.ResponseChannel.Api, (await actor.OfAsync(http.User, ct)).Name), clock.GetUtcNow().UtcDateTime, ct);
        return await AnswerWithAsync(outcome.Refused, outcome.Invalid, id, db, http, clock, rules, ct);
    }

    public static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> RecordAnswer(int id, int responseId,
        RecordedAnswerInput input, HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, History.ChangeActor actor,
        CancellationToken ct)
    {
        var response = await ResponseAnswers.LoadAsync(db, id, responseId, ct);
        if (response is null) return Problems.NotFound("Outbreak response", $"{id}/{responseId}");
        // Only the ids the rights are judged on: the outbreak's full detail is read once, for the answer, after the write.
        var partnerships = await db.Outbreaks.Where(o => o.Id == id).SelectMany(o => o.Partnerships.Select(p => p.Id)).ToHashSetAsync(ct);
        if (await http.AuthorizeWriteAsync(new OutbreakAnswerOnBehalf(partnerships)) is { } denied) return denied;
        // A closed outbreak is refused (409) whatever the body says; on an open one, a missing channel is reported with the
        // answer's own problems, so that the request is put right in one go.
        if (input.Via is null && response.Outbreak.ClosedAt is null)
        {
            var invalid = await ResponseAnswers.CheckAsync(db, input.Answer, ct);
            invalid.Add("channel", RecordedAnswerInput.ChannelProblem);
            return Problems.Invalid(invalid);
        }
        var outcome = await ResponseAnswers.ApplyAsync(db, response, input.Answer,
            new Answerer(input.Via ?? HealthAccord.Data.Outbreaks.ResponseChannel.Phone, (await actor.OfAsync(http.User, ct)).Name),
            clock.GetUtcNow().UtcDateTime, ct);
        return await AnswerWithAsync(outcome.Refused, outcome.Invalid, id, db, http, clock, rules, ct);
    }

    private static async Task<Results<Ok<OutbreakDetail>, ValidationProblem, ProblemHttpResult>> AnswerWithAsync(ProblemHttpResult? refused,
        Validation? invalid, int id, HealthAccordDbContext db, HttpContext http, TimeProvider clock, ClockRules rules, CancellationToken ct)
    {
        if (refused is not null) return refused;
        if (invalid is not null) return Problems.Invalid(invalid);
        BoardChanges.AfterCommit(http, id);
        return TypedResults.Ok((await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct))!);
    }
}
