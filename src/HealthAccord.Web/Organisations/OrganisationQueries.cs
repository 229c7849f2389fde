using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

public sealed record OrganisationFilter(string? Q, OrganisationType? Type, string? Country, string? Partnership);

public static class OrganisationQueries
{
    public static IQueryable<Organisation> Filter(HealthAccordDbContext db, OrganisationFilter filter)
    {
        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLower();
            var ror = RorId.TryNormalise(q, out var normalised) ? normalised : q;
            query = query.Where(o => o.Name.ToLower().Contains(q) || (o.Acronym != null && o.Acronym.ToLower().Contains(q)) || o.RorId == ror);
        }
        if (filter.Type is { } type) query = query.Where(o => o.Type == type);
        if (Persistence.NormaliseCountry(filter.Country) is { } country) query = query.Where(o => o.CountryCode == country);
        if (!string.IsNullOrWhiteSpace(filter.Partnership))
        {
            var slug = filter.Partnership.Trim().ToLowerInvariant();
            query = query.Where(o => o.Memberships.Any(m => m.Partnership.Slug == slug));
        }
        return query;
    }

    public static async Task<(List<OrganisationSummary> Items, int Total)> ListAsync(HealthAccordDbContext db, OrganisationFilter filter,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = Filter(db, filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .PageOf(page, pageSize)
            .Select(o => new OrganisationSummary(o.Id, o.Name, o.Acronym, o.Type, o.CountryCode, o.Country != null ? o.Country.Name : null,
                o.RorId, o.Website, o.Memberships.Select(m => m.PartnershipId).Distinct().Count(), "/organisations/" + o.Id))
            .ToListAsync(ct);
        return (items, total);
    }

    public static async Task<OrganisationDetail?> DetailAsync(HealthAccordDbContext db, int id, CancellationToken ct)
    {
        var o = await db.Organisations.AsNoTracking()
            .Include(x => x.Country)
            .Include(x => x.Memberships).ThenInclude(m => m.Partnership)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return null;
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Parties.Any(p => p.OrganisationId == id))
            .OrderBy(a => a.Signed).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Kind, a.Status, a.Signed })
            .ToListAsync(ct);
        return new OrganisationDetail(o.Id, o.Name, o.Acronym, o.Type, o.CountryCode, o.Country?.Name, o.RorId,
            o.RorId is null ? null : RorId.ToUrl(o.RorId), o.Website,
            o.Memberships.OrderBy(m => m.Partnership.Acronym).ThenBy(m => m.Id)
                .Select(m => new OrganisationMembershipDto(m.Id, m.Partnership.Slug, m.Partnership.Acronym, m.Partnership.Name, m.Role, m.Note,
                    m.Joined?.ToString(), m.Left?.ToString()))
                .ToList(),
            agreements.Select(a => new AgreementRef(a.Id, a.Title, a.Kind, a.Status, a.Signed?.ToString())).ToList(),
            o.Sources.Select(SourceDto.From).ToList(), o.CreatedAt, o.UpdatedAt, o.Version);
    }
}
