using System.Globalization;
using HealthAccord.Data.Common;

namespace HealthAccord.Data.Registry;

/// <summary>Where a goal stands, derived from its target, deadline and latest numeric measurement.</summary>
public sealed record GoalProgress(
    ProgressStatus Status,
    decimal? LatestValue,
    string? LatestValueText,
    PartialDate? LatestOn,
    decimal? PercentOfTarget,
    string Explanation)
{
    /// <summary>
    /// The rules, in order:
    /// a goal with no numeric target is NoTarget; with no numeric measurement it is NoData;
    /// "at least" goals are Met once the latest value reaches the target, "at most" goals while it stays within it;
    /// a goal not met after its deadline is NotMet; before the deadline an "at least" goal is OnTrack and an
    /// "at most" goal over its limit is Behind.
    /// </summary>
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static GoalProgress Evaluate(Goal goal, DateOnly today)
    {
        var latest = goal.Measurements
            .Where(m => m.Value is not null)
            .OrderBy(m => m.MeasuredOn?.ToString() ?? "")
            .ThenBy(m => m.Id)
            .LastOrDefault();
        var latestText = goal.Measurements
            .OrderBy(m => m.MeasuredOn?.ToString() ?? "")
            .ThenBy(m => m.Id)
            .LastOrDefault();

        if (goal.Target is not { } target || goal.Direction == GoalDirection.Qualitative)
        {
            return new GoalProgress(ProgressStatus.NoTarget, latest?.Value, latestText?.ValueText, latestText?.MeasuredOn, null,
                latestText is null ? "No numeric target and no measurement yet." : "No numeric target; the latest measurement is shown.");
        }
        if (latest is null)
        {
            return new GoalProgress(ProgressStatus.NoData, null, latestText?.ValueText, latestText?.MeasuredOn, null,
                "No numeric measurement has been recorded yet.");
        }

        var value = latest.Value!.Value;
        var percent = goal.Direction == GoalDirection.AtLeast && target != 0
            ? Math.Round(value / target * 100m, 1)
            : (decimal?)null;
        var deadlinePassed = goal.Deadline is { } deadline && deadline.Latest < today;
        var met = goal.Direction == GoalDirection.AtLeast ? value >= target : value <= target;

        var (status, why) = (met, deadlinePassed, goal.Direction) switch
        {
            (true, _, GoalDirection.AtLeast) => (ProgressStatus.Met, Invariant($"Reached {value:0.##} against a target of at least {target:0.##}.")),
            (true, _, _) => (ProgressStatus.Met, Invariant($"Measured {value:0.##}, within the limit of {target:0.##}.")),
            (false, true, _) => (ProgressStatus.NotMet, Invariant($"The deadline ({goal.Deadline}) has passed with {value:0.##} against {target:0.##}.")),
            (false, false, GoalDirection.AtLeast) => (ProgressStatus.OnTrack, Invariant($"At {value:0.##} of {target:0.##}; the deadline has not passed.")),
            _ => (ProgressStatus.Behind, Invariant($"Measured {value:0.##}, over the limit of {target:0.##}.")),
        };
        return new GoalProgress(status, value, latest.ValueText, latest.MeasuredOn, percent, why);
    }
}
