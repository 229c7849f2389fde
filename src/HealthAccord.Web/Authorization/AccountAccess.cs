using System.Security.Claims;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Authorization;

/// <summary>Loads the <see cref="WriterRights"/> of the signed-in account once per request.</summary>
public sealed class AccountAccess(HealthAccordDbContext db)
{
    private WriterRights? _rights;
    private string? _rightsFor;

    public async Task<WriterRights> RightsOfAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || principal.Identity?.IsAuthenticated != true) return WriterRights.None;
        if (_rights is not null && _rightsFor == userId) return _rights;

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.LockoutEnd, u.RepresentedOrganisationId })
            .SingleOrDefaultAsync(ct);
        WriterRights rights;
        // A deleted account, or one an administrator locked, writes nothing even with a session or token still out.
        if (user is null || AccountLock.IsLockedByAdministrator(user.LockoutEnd)) rights = WriterRights.None;
        else
        {
            var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
                .ToListAsync(ct);
            var isEditor = roles.Contains(AccountRoles.Editor);
            var partnerships = isEditor
                ? await db.EditorPartnerships.Where(e => e.UserId == userId).Select(e => e.PartnershipId).ToListAsync(ct)
                : [];
            rights = new WriterRights(
                roles.Contains(AccountRoles.Administrator),
                isEditor,
                partnerships.ToHashSet(),
                roles.Contains(AccountRoles.FunderRepresentative) ? user.RepresentedOrganisationId : null);
        }
        _rights = rights;
        _rightsFor = userId;
        return rights;
    }
}
