using System.Globalization;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Goals;

/// <summary>A goal's form as the browser posts it; the partnership comes from the page. Numbers arrive as text and are read here.</summary>
public sealed class GoalForm
{
    public bool IsHeadline { get; set; }
    public string? Statement { get; set; }
    public string? Indicator { get; set; }
    public string? Unit { get; set; }
    public GoalDirection? Direction { get; set; }
    public string? Target { get; set; }
    public string? TargetNote { get; set; }
    public string? Baseline { get; set; }
    public string? BaselineNote { get; set; }
    public string? Deadline { get; set; }
    public string? DeadlineNote { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

    /// <summary>The version of the goal the form was filled from.</summary>
    public int Version { get; set; }

    public static GoalForm From(Goal g) => new()
    {
        IsHeadline = g.IsHeadline,
        Statement = g.Statement,
        Indicator = g.Indicator,
        Unit = g.Unit,
        Direction = g.Direction,
        Target = Number(g.Target),
        TargetNote = g.TargetNote,
        Baseline = Number(g.Baseline),
        BaselineNote = g.BaselineNote,
        Deadline = g.Deadline?.ToString(),
        DeadlineNote = g.DeadlineNote,
        Sources = SourceRows.From(g.Sources),
        Version = g.Version,
    };

    public static string DirectionLabel(GoalDirection direction) => direction switch
    {
        GoalDirection.AtLeast => "At least the target (more is better)",
        GoalDirection.AtMost => "At most the target (less is better)",
        _ => "Qualitative (no numeric target)",
    };

    public static string Number(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The API's input; a number that cannot be read is left out and the reason put next to its field.</summary>
    public GoalInput ToInput(string partnershipSlug, ModelStateDictionary modelState, string prefix) =>
        new(partnershipSlug, IsHeadline, Statement, Indicator, Unit, Direction,
            ReadNumber(Target, $"{prefix}.{nameof(Target)}", modelState), TargetNote,
            ReadNumber(Baseline, $"{prefix}.{nameof(Baseline)}", modelState), BaselineNote,
            Deadline, DeadlineNote, SourceRows.ToInput(Sources).Sources);

    public static decimal? ReadNumber(string? text, string field, ModelStateDictionary modelState)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        modelState.AddModelError(field, "Give a number, e.g. 12 or 0.5.");
        return null;
    }

    public void AddErrors(ModelStateDictionary modelState, string prefix, Validation validation)
    {
        var rows = SourceRows.ToInput(Sources).Rows;
        modelState.AddErrors(prefix, validation, field => SourceRows.FieldOf(field, "sources", nameof(Sources), rows));
    }

    /// <summary>Both versions field by field, the writer's as saving it would have stored it.</summary>
    public static IReadOnlyList<ConflictRow> Compare(GoalInput yours, Goal stored)
    {
        var mine = new Goal { Statement = "", Indicator = "" };
        yours.ApplyTo(mine, new GoalInput.Parsed(stored.PartnershipId,
            HealthAccord.Data.Common.PartialDate.TryParse(yours.Deadline, out var deadline) ? deadline : null));
        return
        [
            new("Headline goal", mine.IsHeadline ? "yes" : "no", stored.IsHeadline ? "yes" : "no"),
            new("Statement", mine.Statement, stored.Statement),
            new("Indicator", mine.Indicator, stored.Indicator),
            new("Unit", mine.Unit ?? "", stored.Unit ?? ""),
            new("Direction", DirectionLabel(mine.Direction), DirectionLabel(stored.Direction)),
            new("Target", Number(mine.Target), Number(stored.Target)),
            new("Target note", mine.TargetNote ?? "", stored.TargetNote ?? ""),
            new("Baseline", Number(mine.Baseline), Number(stored.Baseline)),
            new("Baseline note", mine.BaselineNote ?? "", stored.BaselineNote ?? ""),
            new("Deadline", mine.Deadline?.ToString() ?? "", stored.Deadline?.ToString() ?? ""),
            new("Deadline note", mine.DeadlineNote ?? "", stored.DeadlineNote ?? ""),
            new("Sources", SourceRows.Describe(mine.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf))),
                SourceRows.Describe(stored.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)))),
        ];
    }
}

/// <summary>A new measurement as the browser posts it.</summary>
public sealed class MeasurementForm
{
    public string? MeasuredOn { get; set; }
    public string? PeriodLabel { get; set; }
    public string? Value { get; set; }
    public string? ValueText { get; set; }
    public string? SourceUrl { get; set; }
    public string? Note { get; set; }

    public MeasurementInput ToInput(ModelStateDictionary modelState, string prefix) =>
        new(MeasuredOn, PeriodLabel, GoalForm.ReadNumber(Value, $"{prefix}.{nameof(Value)}", modelState), ValueText, SourceUrl, Note);
}
