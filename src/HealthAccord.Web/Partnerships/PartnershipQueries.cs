using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Goals;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Partnerships;

/// <summary>Filters shared by the partnership list page and the API.</summary>
public sealed record PartnershipFilter(string? Q, string? Theme, EuRole? EuRole, string? Country);

/// <summary>Reads used by both the pages and the API, so both always show the same thing.</summary>
public static class PartnershipQueries
{
    public static IQueryable<Partnership> Filter(HealthAccordDbContext db, PartnershipFilter filter)
    {
        var query = db.Partnerships.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToLower();
            query = query.Where(p => p.Name.ToLower().Contains(q) || p.Acronym.ToLower().Contains(q) || p.Summary.ToLower().Contains(q)
                || (p.Mission != null && p.Mission.ToLower().Contains(q)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Theme))
        {
            var theme = filter.Theme.Trim().ToLower();
            query = query.Where(p => p.Themes.Any(t => t.ToLower() == theme));
        }
        if (filter.EuRole is { } role) query = query.Where(p => p.EuRole == role);
        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var country = filter.Country.Trim().ToUpperInvariant();
            query = query.Where(p => p.Memberships.Any(m => m.CountryCode == country || (m.Organisation != null && m.Organisation.CountryCode == country)));
        }
        return query;
    }

    public static async Task<(List<PartnershipSummary> Items, int Total)> ListAsync(HealthAccordDbContext db, PartnershipFilter filter,
        int? page, int? pageSize, DateOnly today, CancellationToken ct)
    {
        var query = Filter(db, filter);
        var total = await query.CountAsync(ct);
        var partnerships = await query.OrderBy(p => p.Acronym.ToLower()).ThenBy(p => p.Id)
            .PageOf(page, pageSize)
            .Include(p => p.Goals.Where(g => g.IsHeadline)).ThenInclude(g => g.Measurements)
            .AsSplitQuery()
            .ToListAsync(ct);
        var ids = partnerships.Select(p => p.Id).ToList();
        var memberCounts = await db.Memberships.Where(m => ids.Contains(m.PartnershipId) && m.Left == null)
            .GroupBy(m => m.PartnershipId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (partnerships.Select(p => ToSummary(p, memberCounts.GetValueOrDefault(p.Id), today)).ToList(), total);
    }

    public static PartnershipSummary ToSummary(Partnership p, int memberCount, DateOnly today)
    {
        var headline = p.Goals.FirstOrDefault(g => g.IsHeadline);
        return new PartnershipSummary(p.Slug, p.Acronym, p.Name, p.Kind, p.EuRole, p.Themes, p.FoundedYear, p.Website, memberCount,
            headline is null ? null : GoalDto.From(headline, p.Slug, today), $"/partnerships/{p.Slug}");
    }

    public static async Task<PartnershipDetail?> DetailAsync(HealthAccordDbContext db, string slug, DateOnly today, CancellationToken ct)
    {
        var p = await db.Partnerships.AsNoTracking()
            .Include(x => x.Goals).ThenInclude(g => g.Measurements)
            .Include(x => x.Memberships).ThenInclude(m => m.Organisation).ThenInclude(o => o!.Country)
            .Include(x => x.Memberships).ThenInclude(m => m.Country)
            .Include(x => x.Agreements)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Slug == slug, ct);
        return p is null ? null : ToDetail(p, today);
    }

    public static PartnershipDetail ToDetail(Partnership p, DateOnly today)
    {
        var goals = p.Goals.OrderByDescending(g => g.IsHeadline).ThenBy(g => g.Id).Select(g => GoalDto.From(g, p.Slug, today)).ToList();
        var members = p.Memberships
            .OrderBy(m => m.Role)
            .ThenBy(m => m.Organisation?.Name ?? m.Country?.Name)
            .Select(m => new MemberDto(m.Id, m.Role, m.Note, m.Joined?.ToString(), m.Left?.ToString(),
                m.OrganisationId, m.Organisation?.Name, m.Organisation?.Acronym,
                m.Organisation?.CountryCode ?? m.CountryCode,
                m.Country?.Name ?? m.Organisation?.Country?.Name))
            .ToList();
        var agreements = p.Agreements.OrderBy(a => a.Signed?.ToString() ?? "9999").ThenBy(a => a.Id)
            .Select(a => new AgreementRef(a.Id, a.Title, a.Kind, a.Status, a.Signed?.ToString())).ToList();
        return new PartnershipDetail(p.Id, p.Slug, p.Acronym, p.Name, p.Kind, p.Summary, p.Mission, p.FoundedYear, p.Website, p.Secretariat,
            p.Themes, p.EuRole, p.EuRoleNote, p.Status, goals.FirstOrDefault(g => g.IsHeadline), goals, members, agreements,
            p.Sources.Select(SourceDto.From).ToList(), p.CreatedAt, p.UpdatedAt, p.Version);
    }
}
