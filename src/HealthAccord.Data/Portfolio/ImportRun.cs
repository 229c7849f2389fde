namespace HealthAccord.Data.Portfolio;

public enum ImportStatus
{
    Running,
    Succeeded,
    Rejected,
    Failed,
}

/// <summary>One file imported (or refused): what it was, when, and what came of it — the change set of an import.</summary>
public sealed class ImportRun
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public required string Format { get; set; }
    public required string Sha256 { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public int RowsRead { get; set; }
    public int GrantsImported { get; set; }
    public int RowsInvalid { get; set; }
    public string? Message { get; set; }
}
