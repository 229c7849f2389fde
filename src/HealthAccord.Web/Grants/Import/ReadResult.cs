namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// What a reader yields for each grant: the record when it passed validation (perhaps with warnings), or every
/// problem found in it. A result holding a file-level error is the last one a reader yields.
/// </summary>
public sealed record ReadResult(int Row, GrantRecord? Record, IReadOnlyList<RowError> Issues)
{
    public bool IsValid => Record is not null;

    public bool IsFileError => Issues.Any(i => i.IsFileLevel);

    public IEnumerable<RowError> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);

    public IEnumerable<RowError> Warnings => Issues.Where(i => i.Severity == IssueSeverity.Warning);

    public static ReadResult FileError(int row, string reason) => new(row, null, [RowError.File(row, reason)]);
}
