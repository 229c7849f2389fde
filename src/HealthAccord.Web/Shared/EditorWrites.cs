using HealthAccord.Web.History;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthAccord.Web.Shared;

/// <summary>Marks an endpoint as needing the editors' API key, for the filter and for the OpenAPI document.</summary>
public sealed class RequiresEditorKey;

public static class EditorWrites
{
    public const string SchemeName = "editorKey";

    /// <summary>The write routes of a feature: key check, history, documented errors, and the security requirement.</summary>
    public static RouteGroupBuilder MapEditorWrites(this RouteGroupBuilder group)
    {
        var writes = group.MapGroup("/");
        writes.AddEndpointFilter<ApiKeyFilter>()
            .AddEndpointFilter(RegistryCache.EvictAfterWrite)
            .AddEndpointFilter(RecordedWrites.RecordChanges)
            .WithMetadata(new RequiresEditorKey())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        return writes;
    }

    /// <summary>Documents the If-Match contract of an update or delete.</summary>
    public static RouteHandlerBuilder WithPreconditions(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    public static void AddEditorKeySecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyFilter.HeaderName,
                Description = "The editors' write key configured on the server (Api:WriteKey). Reads need no key.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiresEditorKey>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
                });
            }
            return Task.CompletedTask;
        });
    }
}
