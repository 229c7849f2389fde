using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAccord.Web.Organisations.Review;

/// <summary>Reviewing the organisations imports create: keeping one as it is, or merging it into the one it duplicates.</summary>
public static class OrganisationReviewEndpoints
{
    public static void MapOrganisationReviewEndpoints(this RouteGroupBuilder organisations)
    {
        organisations.MapEditorWrites().MapPost("/{id:int}/reviewed", MarkReviewed).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("MarkOrganisationReviewed")
            .WithSummary("Confirm an organisation an import created")
            .WithDescription("Clears its 'needs review' flag: it is not a duplicate of another organisation. Administrators only.");

        // Not MapEditorWrites: the merge records its own change so the grants' search documents are rewritten after the commit.
        var merges = organisations.MapGroup("/");
        merges.RequireAuthorization(AuthorizationPolicies.ApiWriter)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        merges.MapPost("/{id:int}/merge-into/{targetId:int}", Merge).WithPreconditions().ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("MergeOrganisation")
            .WithSummary("Merge a duplicate organisation into another")
            .WithDescription("Moves the organisation's grants (as funder or recipient), seats, agreement parties and representatives to the " +
                "target, keeps its identifiers and ROR id on the target so re-imports match it, and deletes it; GET of its old id then " +
                "redirects (301) to the target. One change in the history. Send If-Match with the ETag of the organisation being merged. " +
                "400 when merging into itself; 409 when the target does not exist or both hold a seat in the same partnership. Administrators only.");
    }

    public static async Task<Results<EtaggedJson<OrganisationDetail>, ProblemHttpResult>> MarkReviewed(
        int id, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var outcome = await ReviewWrites.ConfirmAsync(http, db, id, ct);
        if (outcome.Refused is { } refused) return refused;
        return ETags.Json((await OrganisationQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<EtaggedJson<OrganisationDetail>, ProblemHttpResult>> Merge(
        int id, int targetId, OrganisationMerger merger, ChangeActor actor, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new OrganisationReview()) is { } denied) return denied;
        var current = await OrganisationQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Organisation", $"{id}");
        if (Preconditions.Check(http, current) is { } failed) return failed;
        var outcome = await merger.MergeAsync(id, targetId, await actor.OfAsync(http.User, ct), ChangeSource.Api, ct);
        if (outcome.Problem is { } problem) return TypedResults.Problem(problem);
        return ETags.Json((await OrganisationQueries.DetailAsync(db, targetId, ct))!);
    }
}
