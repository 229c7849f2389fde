using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>Reading outbreaks with their clock, for the pages, the API, the live board and the feed alike.</summary>
public static class OutbreakQueries
{
    public static string PathogenName(string code) => PathogenCatalogue.Find(code)?.DisplayName ?? code;

    /// <summary>Active outbreaks first, each group newest trigger first.</summary>
    public static async Task<List<OutbreakSummary>> ListAsync(HealthAccordDbContext db, DateTime now, ClockRules rules, CancellationToken ct)
    {
        var outbreaks = await db.Outbreaks.AsNoTracking()
            .Include(o => o.Countries)
            .Include(o => o.Responses)
            .AsSplitQuery()
            .ToListAsync(ct);
        return outbreaks
            .OrderBy(o => o.ClosedAt is null ? 0 : 1).ThenByDescending(o => o.TriggeredAt).ThenByDescending(o => o.Id)
            .Select(o =>
            {
                var clock = OutbreakClock.Read(ClockInputOf(o), now, rules);
                return new OutbreakSummary(o.Id, o.Title, o.PathogenCode, PathogenName(o.PathogenCode), o.TriggeredAt, o.DeclaredAt, o.WhoGrading,
                    o.IsPheic, o.ClosedAt, Math.Round(clock.ElapsedHours, 2), clock.Status, o.Countries.Select(c => c.CountryCode).Order().ToList());
            })
            .ToList();
    }

    public static async Task<OutbreakDetail?> DetailAsync(HealthAccordDbContext db, int id, DateTime now, ClockRules rules, CancellationToken ct)
    {
        var o = await db.Outbreaks.AsNoTracking()
            .Include(x => x.Countries)
            .Include(x => x.Partnerships)
            .Include(x => x.Responses).ThenInclude(r => r.Organisation)
            .Include(x => x.Responses).ThenInclude(r => r.Steps)
            .AsSplitQuery()
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return null;
        var codes = o.Countries.Select(c => c.CountryCode).ToList();
        var countryNames = await db.Countries.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        var clock = OutbreakClock.Read(ClockInputOf(o), now, rules);
        return new OutbreakDetail(o.Id, o.Title, o.PathogenCode, PathogenName(o.PathogenCode), o.PathogenNote, o.TriggeredAt, o.DeclaredAt,
            o.DeclaredByName, o.WhoGrading, o.IsPheic, o.Summary, o.QuorumShare, o.ConvenedAt, o.ConveningNote, o.ClosedAt, o.Version,
            codes.Order(StringComparer.Ordinal).Select(c => new OutbreakCountryDto(c, countryNames.GetValueOrDefault(c, c))).ToList(),
            o.Partnerships.OrderBy(p => p.Acronym, StringComparer.Ordinal).Select(p => new OutbreakPartnershipDto(p.Id, p.Slug, p.Acronym)).ToList(),
            o.Sources.Select(SourceDto.From).ToList(),
            ClockDto.From(clock),
            o.Responses.OrderBy(r => r.Organisation.Name, StringComparer.Ordinal).Select(ResponseOf).ToList());
    }

    public static ClockInput ClockInputOf(Outbreak o) => new(o.TriggeredAt, o.ConvenedAt, o.ClosedAt, o.QuorumShare,
        o.Responses.Select(r => new ResponseTimes(r.NotifiedAt, r.AcknowledgedAt, r.Commitment, r.CommittedAt)).ToList());

    private static FunderResponseDto ResponseOf(OutbreakResponse r) => new(r.Id, r.OrganisationId, r.Organisation.Name, r.NotifiedAt, r.AcknowledgedAt,
        r.WillJoinConvening, r.ConveningAnsweredAt, r.Commitment, r.CommitmentAmount, r.CommitmentCurrency, r.CommitmentNote, r.CommitmentUrl,
        r.CommittedAt, r.Version,
        r.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => new ResponseStepDto(s.Kind, s.At, s.Channel, s.ActorName, s.Detail)).ToList());
}
