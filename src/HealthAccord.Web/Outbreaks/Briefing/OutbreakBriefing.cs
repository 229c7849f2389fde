using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Pathogens;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Briefing;

/// <summary>
/// What a convening needs on the table when an outbreak is declared: the portfolio's grants on the pathogen, with the
/// affected countries singled out, and the calls the funders have announced in this response so far.
/// </summary>
public sealed record OutbreakBriefing(int OutbreakId, string Title, PathogenBriefing Portfolio, IReadOnlyList<AnnouncedCall> OpenCalls);

/// <summary>A new call a funder committed to in answer to the alert, with where it is published and its budget when given.</summary>
public sealed record AnnouncedCall(int ResponseId, int OrganisationId, string Funder, DateTime AnnouncedAt, string? Url, decimal? Budget,
    string? Currency, string? Note);

public static class OutbreakBriefings
{
    /// <summary>The briefing, or null when there is no such outbreak. Assembled on each request, so it is as current as the portfolio.</summary>
    public static async Task<OutbreakBriefing?> AssembleAsync(HealthAccordDbContext db, PathogenBriefingQuery portfolio, int outbreakId,
        DateOnly today, CancellationToken ct)
    {
        var outbreak = await db.Outbreaks.AsNoTracking().Where(o => o.Id == outbreakId)
            .Select(o => new { o.Id, o.Title, o.PathogenCode, Countries = o.Countries.Select(c => c.CountryCode).ToList() })
            .SingleOrDefaultAsync(ct);
        if (outbreak is null) return null;
        var briefing = await portfolio.BriefAsync(outbreak.PathogenCode, outbreak.Countries.Order(StringComparer.Ordinal).ToList(), today, ct);
        // The declaration accepts catalogue codes only, so a missing briefing means the catalogue lost a code it once had.
        if (briefing is null) return null;
        var calls = await db.OutbreakResponses.AsNoTracking()
            .Where(r => r.OutbreakId == outbreakId && r.Commitment == CommitmentKind.NewCall)
            .OrderBy(r => r.CommittedAt).ThenBy(r => r.Id)
            .Select(r => new AnnouncedCall(r.Id, r.OrganisationId, r.Organisation.Name, r.CommittedAt ?? r.CreatedAt, r.CommitmentUrl,
                r.CommitmentAmount, r.CommitmentCurrency, r.CommitmentNote))
            .ToListAsync(ct);
        return new OutbreakBriefing(outbreak.Id, outbreak.Title, briefing, calls);
    }
}
