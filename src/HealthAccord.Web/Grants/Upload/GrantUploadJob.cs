using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.History;

namespace HealthAccord.Web.Grants.Upload;

public enum GrantUploadState
{
    Waiting,
    Running,
    Imported,
    Refused,
    Failed,
}

/// <summary>
/// One uploaded grant file on its way through the queue: what to read and how, and, as the import goes, how far it
/// has got and what came of it. The worker writes the progress and the result; pages only read them.
/// </summary>
public sealed class GrantUploadJob
{
    private int _rowsRead;

    public required Guid Id { get; init; }

    /// <summary>The name the file had on the uploader's computer: the dataset name of its grants and the name in the history.</summary>
    public required string FileName { get; init; }

    /// <summary>One of the import verb's format names (360giving-json, 360giving-csv, cordis, csv).</summary>
    public required string Format { get; init; }

    /// <summary>The folder holding this upload's files, deleted once the import is over.</summary>
    public required string Folder { get; init; }

    /// <summary>The grant file, or CORDIS's project file, inside <see cref="Folder"/>.</summary>
    public required string FilePath { get; init; }

    public string? MappingPath { get; init; }

    public string? DateFormat { get; init; }

    public bool SkipInvalid { get; init; }

    public required ChangeAuthor Author { get; init; }

    public required DateTime QueuedAt { get; init; }

    public GrantUploadState State { get; set; } = GrantUploadState.Waiting;

    public int RowsRead => Volatile.Read(ref _rowsRead);

    public GrantImportOutcome? Outcome { get; set; }

    /// <summary>Why the import could not run to its end, when <see cref="State"/> is <see cref="GrantUploadState.Failed"/>.</summary>
    public string? Failure { get; set; }

    public DateTime? FinishedAt { get; set; }

    public bool IsOver => State is GrantUploadState.Imported or GrantUploadState.Refused or GrantUploadState.Failed;

    public void ReportRows(int rows) => Volatile.Write(ref _rowsRead, rows);
}
