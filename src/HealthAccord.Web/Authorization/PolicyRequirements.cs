using Microsoft.AspNetCore.Authorization;

namespace HealthAccord.Web.Authorization;

// Requirements for policies that are checked before an endpoint or page runs, with no record at hand. Each is
// answered from the account's rights in the database, like the per-record WriteRules.

/// <summary>Any account that holds at least one right to write: the gate in front of every write endpoint.</summary>
public sealed class WriterRequirement : IAuthorizationRequirement;

public sealed class WriterRequirementHandler(AccountAccess access) : AuthorizationHandler<WriterRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, WriterRequirement requirement)
    {
        if ((await access.RightsOfAsync(context.User)).CanWriteAnything) context.Succeed(requirement);
    }
}

/// <summary>Administrators only, checked against the database like every other right.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

public sealed class AdministratorRequirementHandler(AccountAccess access) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if ((await access.RightsOfAsync(context.User)).IsAdministrator) context.Succeed(requirement);
    }
}

/// <summary>The grant portfolio as a policy, for endpoints that have no record to check before they run.</summary>
public sealed class GrantWriterRequirement : IAuthorizationRequirement;

public sealed class GrantWriterRequirementHandler(AccountAccess access) : AuthorizationHandler<GrantWriterRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, GrantWriterRequirement requirement)
    {
        if (WriteRules.Allows(await access.RightsOfAsync(context.User), new GrantPortfolio())) context.Succeed(requirement);
    }
}
