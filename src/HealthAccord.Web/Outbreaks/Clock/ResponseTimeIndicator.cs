using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Outbreaks.Board;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Clock;

/// <summary>
/// Feeds GloPID-R's headline goal (a research response within 48 hours) with each outbreak's measured response time:
/// the hours from the trigger to the convening (see ClockRules.md for why the convening). One measurement per
/// outbreak, found again by its <see cref="Measurement.OutbreakId"/>, so a corrected convening time corrects it and a
/// cleared convening removes it.
/// </summary>
public static class ResponseTimeIndicator
{
    public const string PartnershipSlug = "glopid-r";

    /// <summary>
    /// Adds or updates the measurement in the caller's unit of work (the outbreak's partnerships loaded). Nothing for an
    /// outbreak GloPID-R is not concerned by: the convening of other partnerships' funders is not its response.
    /// </summary>
    public static async Task RecordAsync(HealthAccordDbContext db, Outbreak outbreak, string pageUrl, CancellationToken ct)
    {
        if (outbreak.ConvenedAt is not { } convened || !outbreak.Partnerships.Any(p => p.Slug == PartnershipSlug)) return;
        var goal = await db.Goals.Include(g => g.Measurements)
            .SingleOrDefaultAsync(g => g.IsHeadline && g.Partnership.Slug == PartnershipSlug, ct);
        if (goal is null) return;
        var hours = Math.Round((decimal)(convened - outbreak.TriggeredAt).TotalHours, 1);
        var measurement = goal.Measurements.SingleOrDefault(m => m.OutbreakId == outbreak.Id);
        if (measurement is null)
        {
            measurement = new Measurement { ValueText = "", SourceUrl = pageUrl, OutbreakId = outbreak.Id };
            goal.Measurements.Add(measurement);
        }
        measurement.MeasuredOn = PartialDate.FromDate(DateOnly.FromDateTime(convened));
        measurement.Value = hours;
        var title = outbreak.Title.Length > 200 ? outbreak.Title[..200] + "…" : outbreak.Title;
        measurement.ValueText = string.Create(CultureInfo.InvariantCulture,
            $"{hours:0.#} hours from trigger to funders' convening ({title}){(hours <= 48 ? "" : ": over the 48-hour aim")}");
        measurement.SourceUrl = pageUrl;
        measurement.Note = $"Measured by the outbreak clock: triggered {OutbreakText.Time(outbreak.TriggeredAt)}, convened {OutbreakText.Time(convened)}.";
    }

    /// <summary>
    /// Removes the outbreak's measurement, in the caller's unit of work, when its convening is cleared. Found by the
    /// outbreak, whatever goal holds it, so a measurement made while another goal was the headline goes too.
    /// </summary>
    public static async Task RemoveAsync(HealthAccordDbContext db, int outbreakId, CancellationToken ct)
    {
        var measurements = await db.Measurements.Where(m => m.OutbreakId == outbreakId).ToListAsync(ct);
        db.Measurements.RemoveRange(measurements);
    }
}
