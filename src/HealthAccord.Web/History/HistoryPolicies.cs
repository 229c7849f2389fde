using HealthAccord.Web.ApiTokens;
using HealthAccord.Web.Authorization;

namespace HealthAccord.Web.History;

/// <summary>
/// Who may read the whole audit log and revert changes, by name, in one place. A record's own history is public; the
/// log of every change, filterable by author, is for administrators. Reverting from the site needs an account with
/// some right to write; the reverter then checks each record as its edit endpoint would (<see cref="RevertRights"/>).
/// </summary>
public static class HistoryPolicies
{
    /// <summary>The audit log page, for a signed-in administrator.</summary>
    public const string AuditLog = "audit-log";

    /// <summary>The audit log in the API, for an administrator's API token (like every API call that needs an account).</summary>
    public const string ApiAuditLog = "api-audit-log";

    /// <summary>The revert form on the site, for a signed-in account that may write something.</summary>
    public const string RevertChanges = "revert-changes";

    public static IServiceCollection AddHistoryPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AuditLog, policy => policy.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()))
            .AddPolicy(ApiAuditLog, policy => policy
                .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
                .RequireAuthenticatedUser()
                .AddRequirements(new AdministratorRequirement()))
            .AddPolicy(RevertChanges, policy => policy.RequireAuthenticatedUser().AddRequirements(new WriterRequirement()));
        return services;
    }
}
