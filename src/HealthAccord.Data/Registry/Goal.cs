using HealthAccord.Data.Common;

namespace HealthAccord.Data.Registry;

/// <summary>A partnership goal and the indicator that measures it.</summary>
public sealed class Goal : RegistryRecord
{
    public int PartnershipId { get; set; }
    public Partnership Partnership { get; set; } = null!;

    /// <summary>The goal shown with the partnership everywhere (one per partnership).</summary>
    public bool IsHeadline { get; set; }
    public required string Statement { get; set; }
    public required string Indicator { get; set; }

    /// <summary>Unit of the indicator ("hours", "reference epigenomes"); null for qualitative goals.</summary>
    public string? Unit { get; set; }
    public GoalDirection Direction { get; set; }
    public decimal? Target { get; set; }

    /// <summary>The target in words where it is not a number ("vision realised").</summary>
    public string? TargetNote { get; set; }
    public decimal? Baseline { get; set; }
    public string? BaselineNote { get; set; }
    public PartialDate? Deadline { get; set; }

    /// <summary>The deadline as the source states it ("ongoing", "c. 2029 (ten-year horizon)").</summary>
    public string? DeadlineNote { get; set; }

    public List<Measurement> Measurements { get; set; } = [];
}

/// <summary>One observed value of a goal's indicator.</summary>
public sealed class Measurement
{
    public int Id { get; set; }
    public int GoalId { get; set; }
    public Goal Goal { get; set; } = null!;

    /// <summary>When the value held; null when the source is undated.</summary>
    public PartialDate? MeasuredOn { get; set; }

    /// <summary>The period as the source gives it ("c.2017", "2015/16", "undated").</summary>
    public string? PeriodLabel { get; set; }

    /// <summary>The numeric value, when the source gives one.</summary>
    public decimal? Value { get; set; }

    /// <summary>The value as the source words it ("over 7000 (from >70 countries)").</summary>
    public required string ValueText { get; set; }
    public required string SourceUrl { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The outbreak whose measured response time this is, for measurements the 48-hour clock records itself; null for
    /// those an editor entered from a source.
    /// </summary>
    public int? OutbreakId { get; set; }
}
