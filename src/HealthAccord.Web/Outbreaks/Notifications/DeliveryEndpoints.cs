using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Notifications;

public static class DeliveryEndpoints
{
    public static void MapDeliveryEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/outbreaks/{id:int}/deliveries", List).WithTags("Outbreaks")
            .RequireAuthorization(AuthorizationPolicies.ApiWriter)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ListOutbreakDeliveries").WithSummary("List an outbreak's alerts and how their delivery went")
            .WithDescription("Every email and webhook of the outbreak with its state: queued, sending, retrying (with the next attempt and the last " +
                "error), delivered or abandoned. For administrators and editors of a partnership concerned, since it names funders' addresses.");

        var writes = api.MapGroup("/outbreaks").WithTags("Outbreaks").MapEditorWrites();
        writes.MapPost("/{id:int}/deliveries/{messageId:long}/send-again", SendAgain).WithName("SendOutbreakAlertAgain")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Send an abandoned alert again")
            .WithDescription("Puts an alert the sender gave up on back in the queue with a fresh count of attempts, once the cause (a wrong " +
                "address, a refusing webhook) is fixed; answers with the alert as it now stands. For administrators and editors of a partnership " +
                "concerned. 404 when the outbreak has no such alert; 409 when the alert is not abandoned (queued, being sent or delivered).");
    }

    public static async Task<Results<Ok<DeliveryRow>, ProblemHttpResult>> SendAgain(int id, long messageId, HealthAccordDbContext db, AccountAccess access,
        TimeProvider clock, OutboxSignal signal, ChangeRecorder recorder, HttpContext http, CancellationToken ct)
    {
        if (!await db.Outbreaks.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("Outbreak", $"{id}");
        if (!await OutboxDeliveries.MayFollowAsync(access, http.User, db, id, ct)) return Forbidden();
        // The write filter opened the recording this runs in; it commits when this answers with success.
        var result = await OutboxDeliveries.SendAgainAsync(db, clock, recorder.Current!, id, messageId, ct);
        if (result == SendAgainResult.NotFound) return Problems.NotFound("Alert", $"{id}/{messageId}");
        if (result == SendAgainResult.NotAbandoned)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This alert is not abandoned",
                Detail = "Only an alert the sender gave up on is sent again; this one is queued, being sent or delivered (it may have been sent again already).",
            });
        }
        http.Response.OnCompleted(() =>
        {
            signal.Wake();
            return Task.CompletedTask;
        });
        return TypedResults.Ok((await OutboxDeliveries.ListAsync(db, clock, id, ct)).Single(r => r.Id == messageId));
    }

    public static async Task<Results<Ok<List<DeliveryRow>>, ProblemHttpResult>> List(int id, HealthAccordDbContext db, AccountAccess access,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.Outbreaks.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("Outbreak", $"{id}");
        if (!await OutboxDeliveries.MayFollowAsync(access, http.User, db, id, ct)) return Forbidden();
        return TypedResults.Ok(await OutboxDeliveries.ListAsync(db, clock, id, ct));
    }

    private static ProblemHttpResult Forbidden() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status403Forbidden,
        Title = "Not allowed for your account",
        Detail = "An outbreak's alerts are shown to, and sent again by, administrators and editors of a partnership concerned.",
    });
}
