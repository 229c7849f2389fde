using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

public sealed record MembershipFilter(string? Partnership, int? Organisation, string? Country, MembershipRole? Role, bool? Current);

public static class MembershipQueries
{
    private static IQueryable<Membership> WithRelations(HealthAccordDbContext db) => db.Memberships.AsNoTracking()
        .Include(m => m.Partnership)
        .Include(m => m.Organisation).ThenInclude(o => o!.Country)
        .Include(m => m.Country);

    public static async Task<(List<MembershipDto> Items, int Total)> ListAsync(HealthAccordDbContext db, MembershipFilter filter,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = WithRelations(db);
        if (!string.IsNullOrWhiteSpace(filter.Partnership))
        {
            var slug = filter.Partnership.Trim().ToLowerInvariant();
            query = query.Where(m => m.Partnership.Slug == slug);
        }
        if (filter.Organisation is { } organisationId) query = query.Where(m => m.OrganisationId == organisationId);
        if (Persistence.NormaliseCountry(filter.Country) is { } country)
            query = query.Where(m => m.CountryCode == country || (m.Organisation != null && m.Organisation.CountryCode == country));
        if (filter.Role is { } role) query = query.Where(m => m.Role == role);
        if (filter.Current is true) query = query.Where(m => m.Left == null);
        if (filter.Current is false) query = query.Where(m => m.Left != null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.Partnership.Acronym).ThenBy(m => m.Id).PageOf(page, pageSize).ToListAsync(ct);
        return (items.Select(MembershipDto.From).ToList(), total);
    }

    public static async Task<MembershipDto?> DetailAsync(HealthAccordDbContext db, int id, CancellationToken ct)
    {
        var m = await WithRelations(db).FirstOrDefaultAsync(x => x.Id == id, ct);
        return m is null ? null : MembershipDto.From(m);
    }
}
