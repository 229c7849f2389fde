using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Optimistic concurrency for writes: an update or delete must carry If-Match with the ETag of the
/// representation it was based on. Missing → 428, stale → 412; nothing is written in either case.
/// </summary>
public static class Preconditions
{
    public static ProblemHttpResult? Check<T>(HttpContext http, T currentRepresentation)
    {
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status428PreconditionRequired,
                Title = "If-Match header required",
                Detail = "Send the ETag you received when you read this record in an If-Match header, so that a change made in the meantime is not overwritten.",
            });
        }
        var current = ETags.ComputeETag(currentRepresentation, http);
        foreach (var value in ifMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == current) return null;
            }
        }
        http.Response.Headers.ETag = current;
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "The record has changed since you read it",
            Detail = "Someone else changed this record after you read it. Fetch it again, reapply your change and send it with the new ETag.",
            Extensions = { ["currentETag"] = current },
        });
    }

    private const string ConcurrentChangeTitle = "Concurrent change";

    public static ProblemHttpResult Conflict() => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = ConcurrentChangeTitle,
        Detail = "Another change to this record was saved while yours was being written. Nothing of yours was saved; read the record again and retry.",
    });

    /// <summary>True for the 409 of <see cref="Conflict"/>, as opposed to other conflicts (a unique value taken, a record in use).</summary>
    public static bool IsConcurrentChange(ProblemHttpResult problem) =>
        problem.StatusCode == StatusCodes.Status409Conflict && problem.ProblemDetails.Title == ConcurrentChangeTitle;
}
