using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Account;

/// <summary>The signed-in person's own page: what their account may change, and links to its settings.</summary>
[Authorize]
[NoOutputCache]
public sealed class IndexModel(UserManager<HealthAccordUser> users, HealthAccordDbContext db) : PageModel
{
    public sealed record PartnershipLink(string Slug, string Acronym, string Name);

    public HealthAccordUser Account { get; private set; } = default!;

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<PartnershipLink> Partnerships { get; private set; } = [];

    public (int Id, string Name)? Organisation { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public int ActiveTokens { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Account = user;
        Roles = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        Partnerships = await db.EditorPartnerships.Where(e => e.UserId == user.Id)
            .OrderBy(e => e.Partnership!.Acronym)
            .Select(e => new PartnershipLink(e.Partnership!.Slug, e.Partnership.Acronym, e.Partnership.Name))
            .ToListAsync(ct);
        if (user.RepresentedOrganisationId is { } organisationId)
        {
            var name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(ct);
            if (name is not null) Organisation = (organisationId, name);
        }
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(user);
        var now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        ActiveTokens = await db.ApiTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt == null && t.ExpiresAt > now, ct);
        return Page();
    }

    public static string RoleLabel(string role) => role switch
    {
        AccountRoles.Administrator => "Administrator",
        AccountRoles.Editor => "Editor",
        AccountRoles.FunderRepresentative => "Funder representative",
        _ => role,
    };
}
