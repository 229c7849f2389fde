using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace HealthAccord.Web.Shared;

public static class EditorWrites
{
    public const string SchemeName = "apiToken";

    /// <summary>
    /// The write routes of a feature: an API token of an account with some right to write (401 without one, 403
    /// for an account with no role), the change history (each write is one recorded change), documented errors and
    /// the security requirement. Each handler still checks the record it changes with
    /// <see cref="AuthorizationPolicies.AuthorizeWriteAsync"/>: the group cannot know it.
    /// </summary>
    public static RouteGroupBuilder MapEditorWrites(this RouteGroupBuilder group)
    {
        var writes = group.MapGroup("/");
        writes.RequireAuthorization(AuthorizationPolicies.ApiWriter)
            .AddEndpointFilter(RegistryCache.EvictAfterWrite)
            .AddEndpointFilter(RecordedWrites.RecordChanges)
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

    /// <summary>Declares the bearer scheme and marks every operation that requires authorization with it.</summary>
    public static void AddApiTokenSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token created on the account page (/account/tokens), sent as 'Authorization: Bearer <token>'. " +
                    "It acts with its account's rights: administrators change everything, editors their partnerships' records, " +
                    "funder representatives their organisation's record. Reads need no token.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any())
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
