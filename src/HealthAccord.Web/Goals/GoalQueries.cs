using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Goals;

public sealed record GoalFilter(string? Partnership, bool? Headline, ProgressStatus? Status);

public static class GoalQueries
{
    public static async Task<(List<GoalDto> Items, int Total)> ListAsync(HealthAccordDbContext db, GoalFilter filter, int? page, int? pageSize,
        DateOnly today, CancellationToken ct)
    {
        var query = db.Goals.AsNoTracking().Include(g => g.Partnership).Include(g => g.Measurements).AsQueryable();
        if (!string.IsNullOrWhiteSpace(filter.Partnership))
        {
            var slug = filter.Partnership.Trim().ToLowerInvariant();
            query = query.Where(g => g.Partnership.Slug == slug);
        }
        if (filter.Headline is { } headline) query = query.Where(g => g.IsHeadline == headline);
        query = query.OrderBy(g => g.Partnership.Acronym).ThenByDescending(g => g.IsHeadline).ThenBy(g => g.Id);

        // Progress is derived, not stored, so a status filter is applied after evaluation (goals number in the tens).
        if (filter.Status is { } status)
        {
            var all = (await query.AsSplitQuery().ToListAsync(ct)).Select(g => GoalDto.From(g, g.Partnership.Slug, today))
                .Where(g => g.Progress.Status == status).ToList();
            return (all.PageOf(page, pageSize), all.Count);
        }
        var total = await query.CountAsync(ct);
        var goals = await query.PageOf(page, pageSize).AsSplitQuery().ToListAsync(ct);
        return (goals.Select(g => GoalDto.From(g, g.Partnership.Slug, today)).ToList(), total);
    }

    private static List<T> PageOf<T>(this List<T> items, int? page, int? pageSize) =>
        items.AsQueryable().PageOf(page, pageSize).ToList();

    public static async Task<GoalDto?> DetailAsync(HealthAccordDbContext db, int id, DateOnly today, CancellationToken ct)
    {
        var goal = await db.Goals.AsNoTracking().Include(g => g.Partnership).Include(g => g.Measurements).AsSplitQuery()
            .FirstOrDefaultAsync(g => g.Id == id, ct);
        return goal is null ? null : GoalDto.From(goal, goal.Partnership.Slug, today);
    }
}
