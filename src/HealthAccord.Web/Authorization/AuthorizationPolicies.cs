using HealthAccord.Web.ApiTokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Authorization;

public static class AuthorizationPolicies
{
    /// <summary>
    /// API writes: a bearer token of an account with some right to write. Only the token is looked at, never the
    /// site's sign-in cookie, so a page on another site cannot make a signed-in browser change the registry.
    /// </summary>
    public const string ApiWriter = "api-writer";

    /// <summary>API grant writes (imports): editors and administrators, by bearer token.</summary>
    public const string ApiGrantWriter = "api-grant-writer";

    /// <summary>The grant upload pages: editors and administrators, signed in on the site.</summary>
    public const string GrantImporter = "grant-importer";

    /// <summary>The user administration pages.</summary>
    public const string Administrator = "administrator";

    public static IServiceCollection AddWriteAuthorization(this IServiceCollection services)
    {
        services.AddScoped<AccountAccess>();
        services.AddScoped<IAuthorizationHandler, WriteRules>();
        services.AddScoped<IAuthorizationHandler, WriterRequirementHandler>();
        services.AddScoped<IAuthorizationHandler, AdministratorRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiWriter, policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new WriterRequirement()))
            .AddPolicy(ApiGrantWriter, policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new WriterRequirement())
                .AddRequirements(new GrantWriterRequirement()))
            .AddPolicy(GrantImporter, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new GrantWriterRequirement()))
            .AddPolicy(Administrator, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new AdministratorRequirement()));
        services.AddScoped<IAuthorizationHandler, GrantWriterRequirementHandler>();
        return services;
    }

    /// <summary>
    /// The resource check of a write endpoint: null when the caller may make this change, otherwise the 403 problem
    /// to answer with. Call it before anything is saved, with the record as stored and again as it would become.
    /// </summary>
    public static async Task<ProblemHttpResult?> AuthorizeWriteAsync(this HttpContext http, WriteTarget target)
    {
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, target, WriteRequirement.Instance);
        if (result.Succeeded) return null;
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed for your account",
            Detail = target.Refusal,
        });
    }
}
