using System.Security.Claims;
using HealthAccord.Web.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace HealthAccord.Web.Grants.Editing;

/// <summary>Whether the signed-in reader may edit a grant, by the same <see cref="WriteRules"/> as the API.</summary>
public static class GrantEditRights
{
    public static async Task<bool> MayEditAsync(this IAuthorizationService authorization, ClaimsPrincipal user, GrantRecordEdit? target) =>
        target is not null && user.Identity?.IsAuthenticated == true
        && (await authorization.AuthorizeAsync(user, target, WriteRequirement.Instance)).Succeeded;
}
