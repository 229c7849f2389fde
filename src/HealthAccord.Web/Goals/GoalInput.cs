using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static HealthAccord.Web.Shared.Persistence;

namespace HealthAccord.Web.Goals;

/// <summary>What an editor sends to create or replace a goal and its indicator (measurements are added separately).</summary>
public sealed record GoalInput(
    string? Partnership,
    bool? IsHeadline,
    string? Statement,
    string? Indicator,
    string? Unit,
    GoalDirection? Direction,
    decimal? Target,
    string? TargetNote,
    decimal? Baseline,
    string? BaselineNote,
    string? Deadline,
    string? DeadlineNote,
    IReadOnlyList<SourceInput>? Sources)
{
    internal sealed record Parsed(int PartnershipId, PartialDate? Deadline);

    internal async Task<(Validation Validation, Parsed Parsed)> ValidateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var v = new Validation()
            .Required("statement", Statement, Limits.Text)
            .Required("indicator", Indicator, Limits.Note)
            .Length("unit", Unit, Limits.Acronym)
            .Length("targetNote", TargetNote, Limits.Note)
            .Length("baselineNote", BaselineNote, Limits.Note)
            .Length("deadlineNote", DeadlineNote, Limits.Note)
            .PartialDate("deadline", Deadline, out var deadline)
            .Sources("sources", Sources);
        if (Direction is null) v.Add("direction", "This field is required.");
        if (Direction is GoalDirection.AtLeast or GoalDirection.AtMost && Target is null && string.IsNullOrWhiteSpace(TargetNote))
            v.Add("target", "A measurable goal needs a numeric target or a note saying why there is none.");
        if (Direction is GoalDirection.Qualitative && Target is not null)
            v.Add("target", "A qualitative goal has no numeric target; describe it in targetNote.");
        if (Direction is GoalDirection.AtLeast or GoalDirection.AtMost && string.IsNullOrWhiteSpace(Unit))
            v.Add("unit", "A measurable goal needs a unit, e.g. hours or reference epigenomes.");
        if (Target is < 0) v.Add("target", "Targets are not negative.");
        if (Baseline is < 0) v.Add("baseline", "Baselines are not negative.");

        var partnershipId = 0;
        if (string.IsNullOrWhiteSpace(Partnership)) v.Add("partnership", "This field is required.");
        else
        {
            var slug = Partnership.Trim().ToLowerInvariant();
            partnershipId = await db.Partnerships.Where(p => p.Slug == slug).Select(p => p.Id).FirstOrDefaultAsync(ct);
            if (partnershipId == 0) v.Add("partnership", $"There is no partnership '{Partnership}'.");
        }
        return (v, new Parsed(partnershipId, deadline));
    }

    internal void ApplyTo(Goal g, Parsed parsed)
    {
        g.PartnershipId = parsed.PartnershipId;
        g.IsHeadline = IsHeadline ?? false;
        g.Statement = Statement!.Trim();
        g.Indicator = Indicator!.Trim();
        g.Unit = Clean(Unit);
        g.Direction = Direction!.Value;
        g.Target = Target;
        g.TargetNote = Clean(TargetNote);
        g.Baseline = Baseline;
        g.BaselineNote = Clean(BaselineNote);
        g.Deadline = parsed.Deadline;
        g.DeadlineNote = Clean(DeadlineNote);
        g.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}

/// <summary>One new observation of a goal's indicator.</summary>
public sealed record MeasurementInput(string? MeasuredOn, string? PeriodLabel, decimal? Value, string? ValueText, string? SourceUrl, string? Note)
{
    internal Validation Validate(DateOnly today, out PartialDate? measuredOn)
    {
        var v = new Validation()
            .PartialDate("measuredOn", MeasuredOn, out measuredOn)
            .Length("periodLabel", PeriodLabel, Limits.Acronym)
            .Length("valueText", ValueText, Limits.Note)
            .Length("note", Note, Limits.Note);
        if (measuredOn is { } date && date.Earliest > today) v.Add("measuredOn", "A measurement cannot be dated in the future.");
        if (Value is null && string.IsNullOrWhiteSpace(ValueText)) v.Add("value", "Give a numeric value, or valueText for a value in words.");
        if (string.IsNullOrWhiteSpace(SourceUrl)) v.Add("sourceUrl", "Every measurement needs its source.");
        else v.Url("sourceUrl", SourceUrl);
        return v;
    }

    internal Measurement ToMeasurement(int goalId, PartialDate? measuredOn) => new()
    {
        GoalId = goalId,
        MeasuredOn = measuredOn,
        PeriodLabel = Clean(PeriodLabel) ?? measuredOn?.ToString(),
        Value = Value,
        ValueText = Clean(ValueText) ?? Value!.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        SourceUrl = SourceUrl!.Trim(),
        Note = Clean(Note),
    };
}
