namespace HealthAccord.Web.Outbreaks.Clock;

/// <summary>The four steps of a research response that the 48-hour clock measures, in the order they usually come.</summary>
public enum MilestoneKind
{
    AllFundersNotified,
    QuorumAcknowledged,
    ConveningHeld,
    FirstCommitment,
}

/// <summary>Where a milestone stands; the rules are in ClockRules.md beside this file.</summary>
public enum MilestoneState
{
    ReachedOnTime,
    ReachedLate,
    OnTrack,
    AtRisk,
    Missed,
}

/// <summary>Where the whole response stands: the worst of its milestones.</summary>
public enum ClockStatus
{
    OnTrack,
    AtRisk,
    Missed,
}

/// <summary>What the clock needs of one funder's response.</summary>
public sealed record ResponseTimes(DateTime? NotifiedAt, DateTime? AcknowledgedAt, HealthAccord.Data.Outbreaks.CommitmentKind? Commitment, DateTime? CommittedAt);

/// <summary>What the clock needs of an outbreak.</summary>
public sealed record ClockInput(DateTime TriggeredAt, DateTime? ConvenedAt, DateTime? ClosedAt, decimal QuorumShare, IReadOnlyList<ResponseTimes> Responses);

public sealed record MilestoneReading(MilestoneKind Kind, MilestoneState State, DateTime? ReachedAt, double? Hours, string Progress);

public sealed record ClockReading(
    DateTime TriggeredAt,
    DateTime Deadline,
    DateTime MeasuredAt,
    bool Stopped,
    TimeSpan Elapsed,
    ClockStatus Status,
    IReadOnlyList<MilestoneReading> Milestones)
{
    public double ElapsedHours => Elapsed.TotalHours;

    /// <summary>Time left before the deadline at the moment measured; zero once it has passed.</summary>
    public TimeSpan Remaining => Deadline - MeasuredAt > TimeSpan.Zero ? Deadline - MeasuredAt : TimeSpan.Zero;
}

/// <summary>
/// The 48-hour clock of an outbreak response, computed from the stored times alone and the moment asked about, so the
/// same outbreak reads the same on the page, in the API, the feed and the tests.
/// </summary>
public static class OutbreakClock
{
    public static ClockReading Read(ClockInput outbreak, DateTime now, ClockRules rules)
    {
        var deadline = outbreak.TriggeredAt + rules.Window;
        // A closed response is measured at its close: the clock stops there and nothing later can reach a milestone.
        var stopped = outbreak.ClosedAt is { } closed && closed <= now;
        var measuredAt = stopped ? outbreak.ClosedAt!.Value : now;
        if (measuredAt < outbreak.TriggeredAt) measuredAt = outbreak.TriggeredAt;
        var elapsed = measuredAt - outbreak.TriggeredAt;

        var funders = outbreak.Responses.Count;
        var notified = outbreak.Responses.Where(r => r.NotifiedAt is not null).Select(r => r.NotifiedAt!.Value).ToList();
        var acknowledged = outbreak.Responses.Where(r => r.AcknowledgedAt is not null).Select(r => r.AcknowledgedAt!.Value).Order().ToList();
        var quorum = QuorumOf(outbreak.QuorumShare, funders);
        var commitments = outbreak.Responses
            .Where(r => r.Commitment is { } kind && kind != HealthAccord.Data.Outbreaks.CommitmentKind.None && r.CommittedAt is not null)
            .Select(r => r.CommittedAt!.Value).Order().ToList();

        var milestones = new List<MilestoneReading>
        {
            Reading(MilestoneKind.AllFundersNotified,
                funders > 0 && notified.Count == funders ? notified.Max() : null,
                $"{notified.Count} of {funders} funders notified"),
            Reading(MilestoneKind.QuorumAcknowledged,
                quorum > 0 && acknowledged.Count >= quorum ? acknowledged[quorum - 1] : null,
                $"{acknowledged.Count} of {quorum} acknowledgements needed"),
            Reading(MilestoneKind.ConveningHeld, outbreak.ConvenedAt, outbreak.ConvenedAt is null ? "not held yet" : "held"),
            Reading(MilestoneKind.FirstCommitment, commitments.Count > 0 ? commitments[0] : null,
                commitments.Count == 0 ? "no funding committed yet" : $"{commitments.Count} funders committed"),
        };
        return new ClockReading(outbreak.TriggeredAt, deadline, measuredAt, stopped, elapsed, Overall(milestones), milestones);

        MilestoneReading Reading(MilestoneKind kind, DateTime? reachedAt, string progress)
        {
            // A time recorded after the moment measured (a closed clock, a convening entered ahead) has not happened yet.
            if (reachedAt is { } at && at <= measuredAt)
            {
                var hours = (at - outbreak.TriggeredAt).TotalHours;
                return new MilestoneReading(kind, at <= deadline ? MilestoneState.ReachedOnTime : MilestoneState.ReachedLate, at, hours, progress);
            }
            var state = stopped || measuredAt >= deadline ? MilestoneState.Missed
                : deadline - measuredAt <= rules.AtRiskWhenLeft ? MilestoneState.AtRisk
                : MilestoneState.OnTrack;
            return new MilestoneReading(kind, state, null, null, progress);
        }
    }

    /// <summary>The acknowledgements that make the quorum: the share of funders, rounded up, and at least one when there are funders.</summary>
    public static int QuorumOf(decimal share, int funders) =>
        funders == 0 ? 0 : Math.Clamp((int)Math.Ceiling(share * funders), 1, funders);

    private static ClockStatus Overall(List<MilestoneReading> milestones) =>
        milestones.Any(m => m.State is MilestoneState.Missed or MilestoneState.ReachedLate) ? ClockStatus.Missed
        : milestones.Any(m => m.State == MilestoneState.AtRisk) ? ClockStatus.AtRisk
        : ClockStatus.OnTrack;
}
