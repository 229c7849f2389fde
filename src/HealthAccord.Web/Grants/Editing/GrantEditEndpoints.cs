using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Grants.Editing;

/// <summary>
/// PUT /api/v1/grants/{id}. There is no DELETE: a grant mirrors a publisher's record, and the next import of that
/// file would bring a deleted grant back, so withdrawing one is the publisher's change, not ours.
/// </summary>
public static class GrantEditEndpoints
{
    public static void MapGrantEditEndpoints(this RouteGroupBuilder grants)
    {
        // Not MapEditorWrites: the edit records its own change so the index can be updated after the commit.
        var writes = grants.MapGroup("/");
        writes.RequireAuthorization(AuthorizationPolicies.ApiWriter)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        writes.MapPut("/{id:long}", Update).WithPreconditions().WithName("UpdateGrant")
            .WithSummary("Correct a grant's fields")
            .WithDescription("Replaces the title, description, currency, amount, dates, programme, call, topic and countries; funders, " +
                "recipients and the import source stay as imported. The euro amount is converted again at the award date's ECB rate, " +
                "pathogen tags and partnership links are worked out again, the search index follows, and the edit is one change in the " +
                "grant's history. Send If-Match with the ETag from GET (412 when stale); a 'version' in the body that is not the grant's " +
                "current version is a 409. Administrators, representatives of a funder of the grant and editors of a partnership it is " +
                "linked to may edit it. A later import of the same file replaces these values with the file's.");
    }

    public static async Task<Results<EtaggedJson<GrantDetail>, ValidationProblem, ProblemHttpResult>> Update(
        long id, GrantInput input, GrantEditor editor, ChangeActor actor, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var current = await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct);
        var target = await editor.TargetAsync(id, ct);
        if (current is null || target is null) return Problems.NotFound("Grant", id.ToString(CultureInfo.InvariantCulture));
        if (await http.AuthorizeWriteAsync(target) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;
        var (validation, values) = await input.ValidateAsync(db, ct);
        if (values is null) return Problems.Invalid(validation);
        if (input.Version is { } version && version != current.Version) return StaleVersion(version, current.Version);

        var outcome = await editor.SaveAsync(id, current.Version, values, await actor.OfAsync(http.User, ct), ChangeSource.Api, ct);
        return outcome.Status switch
        {
            GrantEditStatus.NotFound => Problems.NotFound("Grant", id.ToString(CultureInfo.InvariantCulture)),
            GrantEditStatus.Stale => Preconditions.Conflict(),
            _ => ETags.Json((await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct))!),
        };
    }

    private static ProblemHttpResult StaleVersion(int sent, int current) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The grant has changed since you read it",
        Detail = $"Your change is based on version {sent}, but the grant is at version {current}. Nothing was saved; read it again and reapply your change.",
        Extensions = { ["currentVersion"] = current },
    });
}
