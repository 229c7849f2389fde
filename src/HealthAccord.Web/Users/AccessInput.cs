using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Users;

/// <summary>
/// Roles and scopes as an administrator ticks them on the invitation and user pages. A scope without its role is
/// dropped (the role is what grants it); a funder representative must name their organisation.
/// </summary>
public sealed class AccessInput
{
    public List<string> Roles { get; set; } = [];

    public List<int> Partnerships { get; set; } = [];

    public int? Organisation { get; set; }

    public bool Has(string role) => Roles.Contains(role);

    public async Task ValidateAsync(ModelStateDictionary state, string prefix, HealthAccordDbContext db, CancellationToken ct)
    {
        Roles = Roles.Where(AccountRoles.All.Contains).Distinct().ToList();
        if (!Has(AccountRoles.Editor)) Partnerships = [];
        if (!Has(AccountRoles.FunderRepresentative)) Organisation = null;

        Partnerships = Partnerships.Distinct().ToList();
        var known = await db.Partnerships.Where(p => Partnerships.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (known.Count != Partnerships.Count) state.AddModelError($"{prefix}.Partnerships", "One of the ticked partnerships no longer exists; reload the page.");
        if (Has(AccountRoles.FunderRepresentative))
        {
            if (Organisation is null) state.AddModelError($"{prefix}.Organisation", "Choose the organisation this funder representative answers for.");
            else if (!await db.Organisations.AnyAsync(o => o.Id == Organisation, ct))
                state.AddModelError($"{prefix}.Organisation", $"There is no organisation {Organisation}.");
        }
    }

    public static async Task<AccessInput> OfAsync(HealthAccordUser user, UserManager<HealthAccordUser> users, HealthAccordDbContext db, CancellationToken ct) => new()
    {
        Roles = (await users.GetRolesAsync(user)).ToList(),
        Partnerships = await db.EditorPartnerships.Where(e => e.UserId == user.Id).Select(e => e.PartnershipId).ToListAsync(ct),
        Organisation = user.RepresentedOrganisationId,
    };

    /// <summary>Makes the account's roles and scopes exactly these; they take effect on its next write.</summary>
    public async Task<IdentityResult> ApplyAsync(HealthAccordUser user, UserManager<HealthAccordUser> users, HealthAccordDbContext db, CancellationToken ct)
    {
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current.Except(Roles));
        if (!removed.Succeeded) return removed;
        var added = await users.AddToRolesAsync(user, Roles.Except(current));
        if (!added.Succeeded) return added;

        var scopes = await db.EditorPartnerships.Where(e => e.UserId == user.Id).ToListAsync(ct);
        db.EditorPartnerships.RemoveRange(scopes.Where(s => !Partnerships.Contains(s.PartnershipId)));
        db.EditorPartnerships.AddRange(Partnerships.Except(scopes.Select(s => s.PartnershipId))
            .Select(id => new EditorPartnership { UserId = user.Id, PartnershipId = id }));
        user.RepresentedOrganisationId = Organisation;
        return await users.UpdateAsync(user);
    }
}
