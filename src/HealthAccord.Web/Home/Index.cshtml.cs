using HealthAccord.Data;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Home;

/// <summary>The front page: what HealthAccord is, a few figures from the registry and every partnership as a card.</summary>
public sealed class IndexModel(HealthAccordDbContext db, TimeProvider clock) : PageModel
{
    public RegistryFigures Figures { get; private set; } = new(0, 0, 0, 0, 0);
    public IReadOnlyList<PartnershipSummary> Partnerships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = clock.Today();
        (Partnerships, _) = await PartnershipQueries.ListAsync(db, new PartnershipFilter(null, null, null, null), 1, Paging.MaxPageSize, today, ct);

        // A country counts once whether it holds a seat itself or is home to a member organisation;
        // the EU's own code is not a country.
        var countries = await db.Countries
            .Where(c => !c.IsSupranational && db.Memberships.Any(m => m.CountryCode == c.Code || (m.Organisation != null && m.Organisation.CountryCode == c.Code)))
            .CountAsync(ct);
        Figures = new RegistryFigures(
            Partnerships: await db.Partnerships.CountAsync(ct),
            MemberOrganisations: await db.Memberships.Where(m => m.OrganisationId != null).Select(m => m.OrganisationId).Distinct().CountAsync(ct),
            Countries: countries,
            Agreements: await db.Agreements.CountAsync(ct),
            Goals: await db.Goals.CountAsync(ct));
    }
}

public sealed record RegistryFigures(int Partnerships, int MemberOrganisations, int Countries, int Agreements, int Goals);
