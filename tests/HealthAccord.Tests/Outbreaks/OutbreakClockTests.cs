using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Outbreaks.Clock;
using Microsoft.Extensions.Time.Testing;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>
/// The 48-hour clock driven by a fake clock through a whole simulated response, hour by hour, with the state of every
/// milestone written out by hand for each stretch of the 62 hours (not worked out by the rules under test).
/// </summary>
public sealed class OutbreakClockTests
{
    private static readonly DateTime Trigger = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    private static DateTime At(double hours) => Trigger.AddHours(hours);

    /// <summary>
    /// Three funders, quorum one half (two acknowledgements). A and B are notified in the first hour, C only at 30 h; A
    /// acknowledges at 2 h and B at 40 h; C answers "no commitment" at 45 h and nobody commits funds; the convening is
    /// held at 50 h, late; the response is closed at 60 h.
    /// </summary>
    private static ClockInput StateAt(double hours)
    {
        DateTime? IfBy(double h) => h <= hours ? At(h) : null;
        var noneAnswered = 45 <= hours;
        return new ClockInput(Trigger, IfBy(50), IfBy(60), 0.5m,
        [
            new ResponseTimes(IfBy(0.5), IfBy(2), null, null),
            new ResponseTimes(IfBy(1), IfBy(40), null, null),
            new ResponseTimes(IfBy(30), null, noneAnswered ? CommitmentKind.None : null, noneAnswered ? At(45) : null),
        ]);
    }

    private static (MilestoneState State, double? Hours) Expected(MilestoneKind kind, int h) => kind switch
    {
        MilestoneKind.AllFundersNotified => h < 30 ? (MilestoneState.OnTrack, null) : (MilestoneState.ReachedOnTime, 30),
        MilestoneKind.QuorumAcknowledged => h < 36 ? (MilestoneState.OnTrack, null)
            : h < 40 ? (MilestoneState.AtRisk, null)
            : (MilestoneState.ReachedOnTime, 40),
        MilestoneKind.ConveningHeld => h < 36 ? (MilestoneState.OnTrack, null)
            : h < 48 ? (MilestoneState.AtRisk, null)
            : h < 50 ? (MilestoneState.Missed, null)
            : (MilestoneState.ReachedLate, 50),
        MilestoneKind.FirstCommitment => h < 36 ? (MilestoneState.OnTrack, null)
            : h < 48 ? (MilestoneState.AtRisk, null)
            : (MilestoneState.Missed, null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static ClockStatus ExpectedStatus(int h) => h < 36 ? ClockStatus.OnTrack : h < 48 ? ClockStatus.AtRisk : ClockStatus.Missed;

    [Fact]
    public void Every_hour_of_a_simulated_response_reads_as_written_out_including_a_late_and_a_missed_milestone()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Trigger));
        for (var h = 0; h <= 62; h++)
        {
            var reading = OutbreakClock.Read(StateAt(h), clock.GetUtcNow().UtcDateTime, ClockRules.Default);

            Assert.Equal(Math.Min(h, 60), reading.ElapsedHours, 6);
            Assert.Equal(h >= 60, reading.Stopped);
            Assert.True(ExpectedStatus(h) == reading.Status, $"hour {h}: overall {reading.Status}, expected {ExpectedStatus(h)}");
            Assert.Equal([MilestoneKind.AllFundersNotified, MilestoneKind.QuorumAcknowledged, MilestoneKind.ConveningHeld, MilestoneKind.FirstCommitment],
                reading.Milestones.Select(m => m.Kind));
            foreach (var m in reading.Milestones)
            {
                var (state, hours) = Expected(m.Kind, h);
                Assert.True(state == m.State, $"hour {h}: {m.Kind} is {m.State}, expected {state}");
                Assert.Equal(hours, m.Hours);
                Assert.Equal(hours is { } reached ? At(reached) : null, m.ReachedAt);
            }
            clock.Advance(TimeSpan.FromHours(1));
        }
    }

    [Fact]
    public void The_boundaries_fall_where_the_rules_say()
    {
        var open = new ClockInput(Trigger, null, null, 1m, [new ResponseTimes(At(1), null, null, null)]);
        MilestoneState ConveningAt(TimeSpan after) =>
            OutbreakClock.Read(open, Trigger + after, ClockRules.Default).Milestones.Single(m => m.Kind == MilestoneKind.ConveningHeld).State;

        Assert.Equal(MilestoneState.OnTrack, ConveningAt(TimeSpan.FromHours(36) - TimeSpan.FromSeconds(1)));
        Assert.Equal(MilestoneState.AtRisk, ConveningAt(TimeSpan.FromHours(36)));
        Assert.Equal(MilestoneState.AtRisk, ConveningAt(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1)));
        Assert.Equal(MilestoneState.Missed, ConveningAt(TimeSpan.FromHours(48)));

        var convenedOnTheMark = open with { ConvenedAt = At(48) };
        var reading = OutbreakClock.Read(convenedOnTheMark, At(48), ClockRules.Default).Milestones.Single(m => m.Kind == MilestoneKind.ConveningHeld);
        Assert.Equal(MilestoneState.ReachedOnTime, reading.State);
        Assert.Equal(48, reading.Hours);
    }

    [Fact]
    public void A_configured_share_moves_the_at_risk_mark()
    {
        var rules = ClockRules.Default with { AtRiskShare = 0.5m };
        var open = new ClockInput(Trigger, null, null, 1m, []);

        Assert.Equal(ClockStatus.OnTrack, OutbreakClock.Read(open, At(23.9), rules).Status);
        Assert.Equal(ClockStatus.AtRisk, OutbreakClock.Read(open, At(24), rules).Status);
    }

    [Fact]
    public void Closing_early_stops_the_clock_and_misses_what_was_not_reached()
    {
        var closed = new ClockInput(Trigger, At(10), At(20), 0.5m,
        [
            new ResponseTimes(At(1), At(3), CommitmentKind.NewCall, At(12)),
            new ResponseTimes(At(1), null, null, null),
        ]);

        var reading = OutbreakClock.Read(closed, At(30), ClockRules.Default);

        Assert.True(reading.Stopped);
        Assert.Equal(20, reading.ElapsedHours, 6);
        Assert.Equal(At(20), reading.MeasuredAt);
        var states = reading.Milestones.ToDictionary(m => m.Kind, m => m.State);
        Assert.Equal(MilestoneState.ReachedOnTime, states[MilestoneKind.AllFundersNotified]);
        Assert.Equal(MilestoneState.ReachedOnTime, states[MilestoneKind.QuorumAcknowledged]);
        Assert.Equal(MilestoneState.ReachedOnTime, states[MilestoneKind.ConveningHeld]);
        Assert.Equal(MilestoneState.ReachedOnTime, states[MilestoneKind.FirstCommitment]);
        Assert.Equal(ClockStatus.OnTrack, reading.Status);

        var unfinished = closed with { ConvenedAt = null };
        var stopped = OutbreakClock.Read(unfinished, At(30), ClockRules.Default);
        Assert.Equal(MilestoneState.Missed, stopped.Milestones.Single(m => m.Kind == MilestoneKind.ConveningHeld).State);
        Assert.Equal(ClockStatus.Missed, stopped.Status);
    }

    [Fact]
    public void No_commitment_is_an_answer_but_not_a_commitment_and_the_first_commitment_counts()
    {
        var input = new ClockInput(Trigger, null, null, 1m,
        [
            new ResponseTimes(At(1), At(2), CommitmentKind.None, At(3)),
            new ResponseTimes(At(1), At(2), CommitmentKind.InKind, At(9)),
            new ResponseTimes(At(1), At(2), CommitmentKind.RepurposedFunds, At(7.5)),
        ]);

        var commitment = OutbreakClock.Read(input, At(10), ClockRules.Default).Milestones.Single(m => m.Kind == MilestoneKind.FirstCommitment);

        Assert.Equal(At(7.5), commitment.ReachedAt);
        Assert.Equal(7.5, commitment.Hours);
    }

    [Fact]
    public void An_outbreak_with_no_funders_reaches_neither_notification_nor_quorum()
    {
        var reading = OutbreakClock.Read(new ClockInput(Trigger, null, null, 0.5m, []), At(5), ClockRules.Default);

        Assert.All(reading.Milestones.Take(2), m => Assert.Null(m.ReachedAt));
    }

    [Theory]
    [InlineData(0.5, 3, 2)]
    [InlineData(0.5, 4, 2)]
    [InlineData(1, 3, 3)]
    [InlineData(0.01, 3, 1)]
    [InlineData(0.34, 3, 2)]
    [InlineData(0.5, 0, 0)]
    public void The_quorum_is_the_share_of_funders_rounded_up(decimal share, int funders, int expected) =>
        Assert.Equal(expected, OutbreakClock.QuorumOf(share, funders));
}
