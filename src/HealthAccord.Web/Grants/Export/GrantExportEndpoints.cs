using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace HealthAccord.Web.Grants.Export;

public static class GrantExportEndpoints
{
    public static void MapGrantExportEndpoint(this RouteGroupBuilder grants) =>
        grants.MapGet("/export", Export).WithName("ExportGrants")
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

    public static Results<GrantExportResult, ValidationProblem> Export([AsParameters] GrantExportRequest request)
    {
        var validation = new Validation();
        var (query, format) = request.ToQuery(validation);
        if (!validation.IsValid) return Problems.Invalid(validation);
        return new GrantExportResult(query, format!);
    }
}
