using System.ComponentModel;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>One award year of an organisation's grants, on one side (funding or receiving).</summary>
public sealed record GrantYearTotal(
    int Year,
    [property: Description("Grants awarded that year.")] int Grants,
    [property: Description("Sum of the grants' amounts in euros at the award-date rate; grants without a euro amount are left out of it.")]
    decimal AmountEur,
    [property: Description("Grants that year whose currency has no ECB rate, so they are counted but not summed.")]
    int GrantsWithoutEur);

/// <summary>
/// What an organisation funds and receives in the portfolio, by award year. A recipient is counted once per grant
/// whether it leads it or takes part, with the whole award (the source rarely gives each partner's share).
/// </summary>
public sealed record OrganisationGrantTotals(
    int OrganisationId,
    string Name,
    IReadOnlyList<GrantYearTotal> AsFunder,
    IReadOnlyList<GrantYearTotal> AsRecipient,
    [property: Description("Link to the grant search filtered to this organisation as funder.")] string FunderSearchUrl,
    [property: Description("Link to the grant search filtered to this organisation as recipient.")] string RecipientSearchUrl)
{
    public bool IsEmpty => AsFunder.Count == 0 && AsRecipient.Count == 0;

    public static async Task<OrganisationGrantTotals?> ForAsync(HealthAccordDbContext db, int organisationId, CancellationToken ct)
    {
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var funded = await ByYearAsync(db, organisationId, funder: true, ct);
        var received = await ByYearAsync(db, organisationId, funder: false, ct);
        var escaped = Uri.EscapeDataString(name);
        return new OrganisationGrantTotals(organisationId, name, funded, received, $"/grants?funder={escaped}", $"/grants?recipient={escaped}");
    }

    private static async Task<IReadOnlyList<GrantYearTotal>> ByYearAsync(HealthAccordDbContext db, int organisationId, bool funder, CancellationToken ct)
    {
        // "Id IN (participations)" rather than "EXISTS participation": the planner then walks the
        // (OrganisationId, Role) index and looks grants up by key, instead of probing every grant.
        var grantIds = db.GrantParticipants
            .Where(p => p.OrganisationId == organisationId && (funder ? p.Role == ParticipantRole.Funder : p.Role != ParticipantRole.Funder))
            .Select(p => p.GrantId);
        var rows = await db.Grants.AsNoTracking()
            .Where(g => grantIds.Contains(g.Id))
            .GroupBy(g => g.AwardDate.Year)
            .Select(y => new
            {
                Year = y.Key,
                Grants = y.Count(),
                AmountEur = y.Sum(g => g.AmountEur),
                WithoutEur = y.Count(g => g.AmountEur == null),
            })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Year).Select(r => new GrantYearTotal(r.Year, r.Grants, r.AmountEur ?? 0m, r.WithoutEur)).ToList();
    }
}
