using HealthAccord.Data;
using HealthAccord.Web.Account;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Users;

/// <summary>Every account with its roles, scopes and state, for administrators.</summary>
[Authorize(Policy = AuthorizationPolicies.Administrator)]
[NoOutputCache]
public sealed class IndexModel(HealthAccordDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(string Id, string Label, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Partnerships,
        string? Organisation, bool HasPassword, bool TwoFactor, string State);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var scopes = await db.EditorPartnerships.Select(e => new { e.UserId, e.Partnership!.Acronym }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.UserName,
                u.PasswordHash,
                u.TwoFactorEnabled,
                u.LockoutEnd,
                Organisation = u.RepresentedOrganisation == null ? null : u.RepresentedOrganisation.Name,
            })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        Rows = users.Select(u => new Row(
            u.Id,
            string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.UserName ?? u.Id : u.DisplayName,
            u.Email,
            roles.Where(r => r.UserId == u.Id).Select(r => Account.IndexModel.RoleLabel(r.Name!)).Order(StringComparer.Ordinal).ToList(),
            scopes.Where(s => s.UserId == u.Id).Select(s => s.Acronym).Order(StringComparer.Ordinal).ToList(),
            u.Organisation,
            u.PasswordHash is not null,
            u.TwoFactorEnabled,
            StateOf(u.PasswordHash is not null, u.LockoutEnd, now))).ToList();
    }

    public static string StateOf(bool hasPassword, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        AccountLock.IsLockedByAdministrator(lockoutEnd) ? "Locked by an administrator"
        : lockoutEnd > now ? "Locked for a while after wrong passwords"
        : hasPassword ? "Active"
        : "Invited, no password yet";
}
