using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Turns requests the framework cannot bind (malformed JSON, a wrong type or unknown enum value in a field,
/// a non-numeric route value) into a 400 problem that names the field, instead of a bare status code.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;

        ProblemDetails problem;
        if (FindJsonException(badRequest) is { } json)
        {
            // A reader error (the text is not JSON at all) wraps the reader's own exception; only a value of the wrong
            // type or an unknown enum name is the fault of the field at the path.
            var malformed = json.InnerException is JsonException || json.Path is null or "$";
            var field = malformed ? "body" : FieldName(json.Path);
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [malformed ? "The body is not well-formed JSON." : "This value has the wrong type or is not one of the allowed values."],
            })
            {
                Title = "The request body could not be read",
                Detail = json.Message.Split(" Path:")[0],
            };
        }
        else if (UnboundParameter().Match(badRequest.Message) is { Success: true } match)
        {
            var field = JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [$"'{match.Groups["value"].Value}' is not a valid value here."],
            })
            {
                Title = "The request has invalid fields",
            };
        }
        else
        {
            problem = new ProblemDetails { Title = "Bad request", Detail = badRequest.Message };
        }
        problem.Status = badRequest.StatusCode;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    // The framework's wording: Failed to bind parameter "Nullable<int> Page" from "abc".
    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>\\w+)\" from \"(?<value>[^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    /// <summary>"$.sources[0].url" → "sources[0].url"; the root or an unknown path → "body".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
