using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;

namespace HealthAccord.Tests.Data;

/// <summary>
/// Each case sits next to a boundary, so a rule that is off by one comparison, one day, or picks the wrong
/// measurement gives a different status.
/// </summary>
public sealed class GoalProgressTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static Goal Goal(GoalDirection direction, decimal? target, string? deadline = null, params (string? On, decimal? Value)[] measurements)
    {
        var goal = new Goal
        {
            Statement = "test goal",
            Indicator = "test indicator",
            Unit = "things",
            Direction = direction,
            Target = target,
            Deadline = deadline is null ? null : PartialDate.Parse(deadline),
        };
        var id = 0;
        foreach (var (on, value) in measurements)
        {
            goal.Measurements.Add(new Measurement
            {
                Id = ++id,
                MeasuredOn = on is null ? null : PartialDate.Parse(on),
                Value = value,
                ValueText = value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not a number",
                SourceUrl = "https://example.org/source",
            });
        }
        return goal;
    }

    [Fact]
    public void A_goal_without_a_numeric_target_is_NoTarget_even_with_measurements()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, null, null, ("2020", 5)), Today);
        Assert.Equal(ProgressStatus.NoTarget, progress.Status);
        Assert.Equal(5, progress.LatestValue);
    }

    [Fact]
    public void A_qualitative_goal_is_NoTarget_even_when_a_number_was_recorded_as_its_target()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.Qualitative, 10, null, ("2020", 50)), Today);
        Assert.Equal(ProgressStatus.NoTarget, progress.Status);
        Assert.Null(progress.PercentOfTarget);
    }

    [Fact]
    public void A_goal_with_a_target_but_no_measurement_is_NoData()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtMost, 48), Today);
        Assert.Equal(ProgressStatus.NoData, progress.Status);
        Assert.Null(progress.LatestValue);
    }

    [Fact]
    public void A_goal_whose_only_measurements_are_words_is_NoData_and_shows_the_words()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 100, "2030", ("2021", null)), Today);
        Assert.Equal(ProgressStatus.NoData, progress.Status);
        Assert.Equal("not a number", progress.LatestValueText);
    }

    [Fact]
    public void An_at_least_goal_is_Met_when_the_latest_value_equals_the_target()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2020", ("2019", 1000)), Today);
        Assert.Equal(ProgressStatus.Met, progress.Status);
        Assert.Equal(100m, progress.PercentOfTarget);
    }

    [Fact]
    public void The_latest_measurement_is_the_latest_by_date_not_the_last_recorded()
    {
        // Recorded out of order: the 2024 value came in first, then an older 2018 one was added.
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2030", ("2024", 1200), ("2018", 300)), Today);
        Assert.Equal(ProgressStatus.Met, progress.Status);
        Assert.Equal(1200, progress.LatestValue);
        Assert.Equal("2024", progress.LatestOn?.ToString());
    }

    [Fact]
    public void An_at_least_goal_short_of_target_before_its_deadline_is_OnTrack_with_the_percentage_reached()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2030", ("2025", 400)), Today);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal(40.0m, progress.PercentOfTarget);
    }

    [Fact]
    public void An_at_least_goal_without_a_deadline_that_is_short_of_target_is_OnTrack()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, null, ("2025", 999)), Today);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
    }

    [Fact]
    public void A_deadline_given_as_a_year_runs_to_the_end_of_that_year()
    {
        // Today is 28 November 2026: a "2026" deadline has not passed yet, a "2026-10" one has.
        Assert.Equal(ProgressStatus.OnTrack, GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2026", ("2025", 400)), Today).Status);
        Assert.Equal(ProgressStatus.NotMet, GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2026-10", ("2025", 400)), Today).Status);
    }

    [Fact]
    public void A_deadline_of_today_has_not_passed()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2026-11-28", ("2025", 400)), Today);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
    }

    [Fact]
    public void An_at_least_goal_short_of_target_after_its_deadline_is_NotMet()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 200, "2020", ("2020", 199)), Today);
        Assert.Equal(ProgressStatus.NotMet, progress.Status);
        Assert.Equal(99.5m, progress.PercentOfTarget);
    }

    [Fact]
    public void An_at_most_goal_is_Met_while_the_latest_value_stays_within_the_limit()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtMost, 48, null, ("2024", 48)), Today);
        Assert.Equal(ProgressStatus.Met, progress.Status);
        Assert.Null(progress.PercentOfTarget);
    }

    [Fact]
    public void An_at_most_goal_over_its_limit_before_the_deadline_is_Behind()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtMost, 48, "2030", ("2024", 49)), Today);
        Assert.Equal(ProgressStatus.Behind, progress.Status);
    }

    [Fact]
    public void An_at_most_goal_is_judged_on_its_latest_value_not_its_best()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtMost, 48, null, ("2020", 24), ("2024", 72)), Today);
        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Equal(72, progress.LatestValue);
    }

    [Fact]
    public void An_at_most_goal_over_its_limit_after_the_deadline_is_NotMet()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtMost, 800, "2025", ("2025", 850)), Today);
        Assert.Equal(ProgressStatus.NotMet, progress.Status);
    }

    [Fact]
    public void A_goal_met_after_its_deadline_stays_Met()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2020", ("2023", 1500)), Today);
        Assert.Equal(ProgressStatus.Met, progress.Status);
        Assert.Equal(150.0m, progress.PercentOfTarget);
    }

    [Fact]
    public void The_explanation_names_the_value_and_the_target()
    {
        var progress = GoalProgress.Evaluate(Goal(GoalDirection.AtLeast, 1000, "2030", ("2025", 400)), Today);
        Assert.Contains("400", progress.Explanation, StringComparison.Ordinal);
        Assert.Contains("1000", progress.Explanation, StringComparison.Ordinal);
    }

    // Known bug (see the test report): the explanation is formatted with the current culture ($"{value:0.##}"),
    // so the same record reads "12,5" on a server whose LANG is German and the API's text and ETags depend on the
    // machine. (CA1305, which would flag this, is switched off in .editorconfig.) The CSV's HeadlineTarget column
    // is built the same way.
    [Fact]
    public void The_explanation_is_the_same_whatever_the_servers_culture()
    {
        var goal = Goal(GoalDirection.AtLeast, 20.5m, "2030", ("2025", 12.5m));
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("12.5", GoalProgress.Evaluate(goal, Today).Explanation, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }
}
