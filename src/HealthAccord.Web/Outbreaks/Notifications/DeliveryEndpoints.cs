using HealthAccord.Data;
using HealthAccord.Web.Authorization;
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
    }

    public static async Task<Results<Ok<List<DeliveryRow>>, ProblemHttpResult>> List(int id, HealthAccordDbContext db, AccountAccess access,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!await db.Outbreaks.AnyAsync(o => o.Id == id, ct)) return Problems.NotFound("Outbreak", $"{id}");
        if (!await OutboxDeliveries.MayFollowAsync(access, http.User, db, id, ct))
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed for your account",
                Detail = "An outbreak's alerts are shown to administrators and to editors of a partnership concerned.",
            });
        }
        return TypedResults.Ok(await OutboxDeliveries.ListAsync(db, clock, id, ct));
    }
}
