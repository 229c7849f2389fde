using HealthAccord.Data;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Countries;

/// <summary>Active: only countries with an organisation or seat in the registry.</summary>
public sealed record CountryFilter(string? Q, string? Region, string? IncomeGroup, bool? Active);

public static class CountryQueries
{
    public static async Task<(List<CountrySummary> Items, int Total)> ListAsync(HealthAccordDbContext db, CountryFilter filter,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Countries.AsNoTracking().Select(c => new
        {
            Country = c,
            Organisations = db.Organisations.Count(o => o.CountryCode == c.Code),
            Partnerships = db.Memberships
                .Where(m => m.CountryCode == c.Code || (m.Organisation != null && m.Organisation.CountryCode == c.Code))
                .Select(m => m.PartnershipId).Distinct().Count(),
        });
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLower();
            query = query.Where(x => x.Country.Name.ToLower().Contains(q) || x.Country.Code.ToLower() == q || x.Country.Alpha3.ToLower() == q);
        }
        if (!string.IsNullOrWhiteSpace(filter.Region)) query = query.Where(x => x.Country.Region == filter.Region.Trim());
        if (!string.IsNullOrWhiteSpace(filter.IncomeGroup)) query = query.Where(x => x.Country.IncomeGroup == filter.IncomeGroup.Trim());
        if (filter.Active is true) query = query.Where(x => x.Organisations > 0 || x.Partnerships > 0);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(x => x.Country.Name).PageOf(page, pageSize).ToListAsync(ct);
        return (rows.Select(x => new CountrySummary(x.Country.Code, x.Country.Alpha3, x.Country.Name, x.Country.Region, x.Country.SubRegion,
            x.Country.IncomeGroup, x.Country.IsEuMemberState, x.Organisations, x.Partnerships, $"/countries/{x.Country.Code}")).ToList(), total);
    }

    public static async Task<CountryDetail?> DetailAsync(HealthAccordDbContext db, string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var country = await db.Countries.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalised, ct);
        if (country is null) return null;
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.CountryCode == normalised).OrderBy(o => o.Name)
            .Select(o => new CountryOrganisationDto(o.Id, o.Name, o.Acronym, o.Type, o.RorId)).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.CountryCode == normalised || (m.Organisation != null && m.Organisation.CountryCode == normalised))
            .OrderBy(m => m.Partnership.Acronym).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Partnership.Slug, m.Partnership.Acronym, m.Role, m.OrganisationId, OrganisationName = m.Organisation != null ? m.Organisation.Name : null, m.Joined, m.Left })
            .ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking()
            .Where(a => a.Parties.Any(p => p.CountryCode == normalised || (p.Organisation != null && p.Organisation.CountryCode == normalised)))
            .OrderBy(a => a.Signed).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.Kind, a.Status, a.Signed })
            .ToListAsync(ct);
        return new CountryDetail(country.Code, country.Alpha3, country.Name, country.Region, country.SubRegion, country.IncomeGroup,
            country.CurrencyCode, country.IsEuMemberState, country.IsSupranational, organisations,
            memberships.Select(m => new CountryMembershipDto(m.Id, m.Slug, m.Acronym, m.Role, m.OrganisationId, m.OrganisationName,
                m.Joined?.ToString(), m.Left?.ToString())).ToList(),
            agreements.Select(a => new AgreementRef(a.Id, a.Title, a.Kind, a.Status, a.Signed?.ToString())).ToList());
    }
}
