using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Goals;

public sealed record ProgressDto(ProgressStatus Status, decimal? LatestValue, string? LatestValueText, string? LatestOn,
    decimal? PercentOfTarget, string Explanation)
{
    public static ProgressDto From(GoalProgress p) =>
        new(p.Status, p.LatestValue, p.LatestValueText, p.LatestOn?.ToString(), p.PercentOfTarget, p.Explanation);
}

public sealed record MeasurementDto(int Id, string? MeasuredOn, string? PeriodLabel, decimal? Value, string ValueText, string SourceUrl, string? Note)
{
    public static MeasurementDto From(Measurement m) =>
        new(m.Id, m.MeasuredOn?.ToString(), m.PeriodLabel, m.Value, m.ValueText, m.SourceUrl, m.Note);
}

/// <summary>A goal with its indicator, measurements and derived progress.</summary>
public sealed record GoalDto(
    int Id,
    string PartnershipSlug,
    bool IsHeadline,
    string Statement,
    string Indicator,
    string? Unit,
    GoalDirection Direction,
    decimal? Target,
    string? TargetNote,
    decimal? Baseline,
    string? BaselineNote,
    string? Deadline,
    string? DeadlineNote,
    ProgressDto Progress,
    IReadOnlyList<MeasurementDto> Measurements,
    IReadOnlyList<SourceDto> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public static GoalDto From(Goal g, string partnershipSlug, DateOnly today) => new(
        g.Id, partnershipSlug, g.IsHeadline, g.Statement, g.Indicator, g.Unit, g.Direction, g.Target, g.TargetNote,
        g.Baseline, g.BaselineNote, g.Deadline?.ToString(), g.DeadlineNote,
        ProgressDto.From(GoalProgress.Evaluate(g, today)),
        g.Measurements.OrderBy(m => m.MeasuredOn?.ToString() ?? "").ThenBy(m => m.Id).Select(MeasurementDto.From).ToList(),
        g.Sources.Select(SourceDto.From).ToList(),
        g.CreatedAt, g.UpdatedAt, g.Version);
}
