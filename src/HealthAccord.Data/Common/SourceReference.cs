namespace HealthAccord.Data.Common;

/// <summary>Where a fact comes from. Every registry record carries at least one.</summary>
public sealed class SourceReference
{
    public required string Url { get; set; }
    public required string Title { get; set; }

    /// <summary>
    /// When the source was read or the date its content describes, as the compiler recorded it:
    /// an ISO date where known, otherwise the compiler's words ("page undated (c. 2016)").
    /// </summary>
    public string? AsOf { get; set; }
}
