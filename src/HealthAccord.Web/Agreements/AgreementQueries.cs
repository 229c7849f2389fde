using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

public sealed record AgreementFilter(string? Q, AgreementKind? Kind, AgreementStatus? Status, string? Partnership, string? Country);

public static class AgreementQueries
{
    public static IQueryable<Agreement> Filter(HealthAccordDbContext db, AgreementFilter filter)
    {
        var query = db.Agreements.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLower();
            query = query.Where(a => a.Title.ToLower().Contains(q) || (a.Scope != null && a.Scope.ToLower().Contains(q))
                || a.Parties.Any(p => p.Name.ToLower().Contains(q)));
        }
        if (filter.Kind is { } kind) query = query.Where(a => a.Kind == kind);
        if (filter.Status is { } status) query = query.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Partnership))
        {
            var slug = filter.Partnership.Trim().ToLowerInvariant();
            query = query.Where(a => a.Partnerships.Any(p => p.Slug == slug));
        }
        if (Persistence.NormaliseCountry(filter.Country) is { } country)
            query = query.Where(a => a.Parties.Any(p => p.CountryCode == country || (p.Organisation != null && p.Organisation.CountryCode == country)));
        return query;
    }

    public static async Task<(List<AgreementSummary> Items, int Total)> ListAsync(HealthAccordDbContext db, AgreementFilter filter,
        int? page, int? pageSize, CancellationToken ct)
    {
        var query = Filter(db, filter);
        var total = await query.CountAsync(ct);
        // Undated agreements sort last; among dated ones the most recent signature comes first.
        var rows = await query.OrderBy(a => a.Signed == null).ThenByDescending(a => a.Signed).ThenBy(a => a.Id)
            .PageOf(page, pageSize)
            .Select(a => new
            {
                a.Id,
                a.Title,
                a.Kind,
                a.Status,
                a.Signed,
                a.EnteredIntoForce,
                a.Expires,
                Parties = a.Parties.OrderBy(p => p.Id).Select(p => p.Name).ToList(),
                Partnerships = a.Partnerships.OrderBy(p => p.Acronym).Select(p => p.Slug).ToList(),
            })
            .ToListAsync(ct);
        return (rows.Select(a => new AgreementSummary(a.Id, a.Title, a.Kind, a.Status, a.Signed?.ToString(), a.EnteredIntoForce?.ToString(),
            a.Expires?.ToString(), a.Parties, a.Partnerships, $"/agreements/{a.Id}")).ToList(), total);
    }

    public static async Task<AgreementDetail?> DetailAsync(HealthAccordDbContext db, int id, CancellationToken ct)
    {
        var a = await db.Agreements.AsNoTracking()
            .Include(x => x.Parties).ThenInclude(p => p.Organisation)
            .Include(x => x.Parties).ThenInclude(p => p.Country)
            .Include(x => x.Partnerships)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        return a is null ? null : new AgreementDetail(a.Id, a.Title, a.Kind, a.Status, a.StatusNote, a.Signed?.ToString(),
            a.EnteredIntoForce?.ToString(), a.Expires?.ToString(), a.RenewalNote, a.Scope,
            a.Parties.OrderBy(p => p.Id).Select(p => new PartyDto(p.Id, p.Name, p.OrganisationId, p.Organisation?.Name, p.CountryCode, p.Country?.Name)).ToList(),
            a.Documents.Select(d => new DocumentDto(d.Title, d.Url, d.Language)).ToList(),
            a.Partnerships.OrderBy(p => p.Acronym).Select(p => new PartnershipRef(p.Slug, p.Acronym, p.Name)).ToList(),
            a.Sources.Select(SourceDto.From).ToList(), a.CreatedAt, a.UpdatedAt, a.Version);
    }
}
