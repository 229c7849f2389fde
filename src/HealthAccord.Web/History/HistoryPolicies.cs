using Microsoft.AspNetCore.Authorization;

namespace HealthAccord.Web.History;

/// <summary>
/// Who may see the audit log and revert changes from the site, by name, in one place. Until accounts exist both need
/// the editors' key, as API writes do; with accounts the audit log is for administrators and reverting for anyone
/// allowed to edit (each record is then checked as its edit endpoint checks it).
/// </summary>
public static class HistoryPolicies
{
    public const string AuditLog = "AuditLog";
    public const string RevertChanges = "RevertChanges";

    public static IServiceCollection AddHistoryPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AuditLog, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(RevertChanges, policy => policy.RequireAuthenticatedUser());
        return services;
    }
}
