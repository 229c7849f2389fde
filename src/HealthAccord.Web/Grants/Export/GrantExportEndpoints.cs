using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace HealthAccord.Web.Grants.Export;

public static class GrantExportEndpoints
{
    public static void MapGrantExportEndpoint(this RouteGroupBuilder grants) =>
        grants.MapGet("/export", Export).WithName("ExportGrants")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Export every grant a search matches")
            .WithDescription("Takes the search parameters of GET /api/v1/grants and answers with every match, not one page, in the " +
                "search's order, as a download: format=csv (one row per grant, lists joined with '; '), xlsx (the same table as an " +
                "Excel workbook with numbers and dates as typed cells), json (an array of the records GET /api/v1/grants/{id} returns) " +
                "or 360giving (a 360Giving data package, {\"grants\": [...]}, that validates against the 360Giving 1.4 package schema " +
                "and imports back with `import --format 360giving-json`). The file is streamed as it is written.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
                {
                    content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                    content[GrantExportFormat.Xlsx.ContentType] = new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    };
                }
                return Task.CompletedTask;
            });

    public static Results<GrantExportResult, ValidationProblem, ProblemHttpResult> Export([AsParameters] GrantExportRequest request,
        GrantIndex index, TimeProvider clock)
    {
        var validation = new Validation();
        var (query, format) = request.ToQuery(validation);
        if (!validation.IsValid) return Problems.Invalid(validation);
        // The other formats can say "nothing matched" with a header row or an empty array; a 360Giving package cannot
        // (the standard's schema wants at least one grant), so it is refused before any byte is sent.
        if (format == GrantExportFormat.ThreeSixtyGiving && CountMatches(index, query, clock.Today()) == 0)
        {
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "No grants to export",
                Detail = "No grant matches this search, and a 360Giving data package must hold at least one grant. " +
                    "Widen the search, or choose csv or json, which can be empty.",
            });
        }
        return new GrantExportResult(query, format!);
    }

    private static int CountMatches(GrantIndex index, GrantSearchQuery query, DateOnly today)
    {
        using var lease = index.AcquireSearcher();
        var text = GrantIndexSearcher.ParseText(query.Text, index.Analyzer, lease.Searcher.IndexReader);
        return lease.Searcher.Search(GrantIndexSearcher.Combine(text, query, today, except: null), 1).TotalHits;
    }
}
