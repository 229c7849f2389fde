namespace HealthAccord.Data.Common;

/// <summary>
/// Records that a named seed was applied, so a seed runs once and never overwrites later edits.
/// </summary>
public sealed class SeedRun
{
    public required string Name { get; set; }
    public DateTime AppliedAt { get; set; }
    public int RecordsAdded { get; set; }
}
