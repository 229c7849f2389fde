using HealthAccord.Data;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>
/// Which organisations an outbreak alerts: those holding a current seat as a founding member, member, associate or
/// chair of a partnership concerned. These are the seats that carry a funder's vote and budget; an observer (WHO in
/// GloPID-R) follows the partnership without funding through it, and a secretariat runs it for the funders, so neither
/// is asked to commit. A seat with a leaving date is over. Country seats name no organisation to alert and are left out.
/// </summary>
public static class MemberFunders
{
    public static readonly MembershipRole[] FundingRoles = [MembershipRole.FoundingMember, MembershipRole.Member, MembershipRole.Associate, MembershipRole.Chair];

    public static async Task<List<Organisation>> OfAsync(HealthAccordDbContext db, IReadOnlyCollection<int> partnershipIds, CancellationToken ct)
    {
        var ids = partnershipIds.ToList();
        return await db.Organisations
            .Where(o => db.Memberships.Any(m => m.OrganisationId == o.Id && ids.Contains(m.PartnershipId)
                && FundingRoles.Contains(m.Role) && m.Left == null))
            .OrderBy(o => o.Name).ThenBy(o => o.Id)
            .ToListAsync(ct);
    }
}
