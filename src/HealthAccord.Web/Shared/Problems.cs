using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Shared;

public static class Problems
{
    public static ProblemHttpResult NotFound(string what, string key) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"{what} not found",
        Detail = $"There is no {what.ToLowerInvariant()} '{key}'.",
    });

    public static ValidationProblem Invalid(Validation errors) =>
        TypedResults.ValidationProblem(errors.Errors, title: "The request has invalid fields");

    public static ProblemHttpResult InUse(string detail) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The record is still referenced",
        Detail = detail,
    });
}
