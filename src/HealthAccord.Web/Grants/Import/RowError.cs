namespace HealthAccord.Web.Grants.Import;

public enum IssueSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One line of a validation report. An error rejects its grant; a warning keeps the grant and says what looked
/// wrong. A <see cref="FileField"/> error means reading stopped there.
/// </summary>
/// <param name="Row">The row the problem is in (see <see cref="GrantRecord.SourceRow"/>); 0 when no row had started.</param>
/// <param name="Field">The field in the source's own terms: a JSON path, a CSV column title, or <see cref="FileField"/>.</param>
/// <param name="Value">The offending value as found, shortened to <see cref="MaxValueLength"/> characters.</param>
/// <param name="Reason">What is wrong, phrased to follow the field name ("is required", "is negative; …").</param>
/// <param name="Severity">Whether the grant is rejected (error) or kept (warning).</param>
public sealed record RowError(int Row, string Field, string? Value, string Reason, IssueSeverity Severity = IssueSeverity.Error)
{
    public const string FileField = "(file)";

    /// <summary>Long enough to recognise a value, short enough that a 50 MB description does not end up in a report.</summary>
    public const int MaxValueLength = 200;

    public string? Value { get; init; } = Shorten(Value);

    public bool IsFileLevel => Field == FileField;

    public static RowError File(int row, string reason) => new(row, FileField, null, reason);

    private static string? Shorten(string? value) =>
        value is { Length: > MaxValueLength } ? string.Concat(value.AsSpan(0, MaxValueLength), "…") : value;
}
