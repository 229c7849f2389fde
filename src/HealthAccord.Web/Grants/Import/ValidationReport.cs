using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// What a read found: counts of grants read, kept and rejected, and the report lines (row, field, value, reason).
/// The counts cover the whole file; the lines kept are capped, so a file of a million bad rows cannot fill memory
/// with its report.
/// </summary>
public sealed class ValidationReport(string datasetName, int maxLines = ValidationReport.DefaultMaxLines)
{
    public const int DefaultMaxLines = 100_000;

    private readonly List<RowError> _lines = [];

    public string DatasetName => datasetName;

    /// <summary>Grants read: those kept plus those rejected (file-level problems and notices are not grants).</summary>
    public int Grants => Valid + Rejected;

    public int Valid { get; private set; }

    public int Rejected { get; private set; }

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    /// <summary>The file-level error that ended reading early, if one did.</summary>
    public RowError? StoppedBy { get; private set; }

    /// <summary>The report lines in the order found, up to the cap.</summary>
    public IReadOnlyList<RowError> Lines => _lines;

    /// <summary>Lines counted but not kept because of the cap.</summary>
    public int LinesNotKept { get; private set; }

    public void Add(ReadResult result)
    {
        if (result.IsValid) Valid++;
        else if (!result.IsFileError && result.Errors.Any()) Rejected++;
        foreach (var issue in result.Issues)
        {
            if (issue.Severity == IssueSeverity.Error) Errors++;
            else Warnings++;
            if (issue.IsFileLevel && issue.Severity == IssueSeverity.Error) StoppedBy ??= issue;
            if (_lines.Count < maxLines) _lines.Add(issue);
            else LinesNotKept++;
        }
    }

    /// <summary>Reads everything, handing each valid grant to <paramref name="onValid"/> (the writing side) as it comes.</summary>
    public static async Task<ValidationReport> CollectAsync(IAsyncEnumerable<ReadResult> results, string datasetName,
        Func<GrantRecord, CancellationToken, ValueTask>? onValid = null, CancellationToken ct = default)
    {
        var report = new ValidationReport(datasetName);
        await foreach (var result in results.WithCancellation(ct))
        {
            report.Add(result);
            if (result.Record is { } record && onValid is not null) await onValid(record, ct);
        }
        return report;
    }

    public string Summary()
    {
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{datasetName}: {Grants} grants read, {Valid} valid, {Rejected} rejected; {Errors} errors, {Warnings} warnings.");
        return StoppedBy is null ? summary : $"{summary} Reading stopped early: {StoppedBy.Reason}";
    }

    /// <summary>The summary, then one line per problem: row, field, value, reason.</summary>
    public async Task WriteTextAsync(TextWriter writer)
    {
        await writer.WriteLineAsync(Summary());
        foreach (var line in _lines)
        {
            var value = line.Value is null ? "" : $" \"{line.Value}\"";
            var severity = line.Severity == IssueSeverity.Warning ? "warning: " : "";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"row {line.Row}, {line.Field}{value}: {severity}{line.Reason}"));
        }
        if (LinesNotKept > 0) await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"... and {LinesNotKept} more lines not kept."));
    }

    /// <summary>
    /// One CSV row per problem (row, field, value, reason, severity), for a spreadsheet. Values come from the
    /// publisher's file, so one starting with = or + is escaped rather than left for a spreadsheet to run as a formula.
    /// </summary>
    public async Task WriteCsvAsync(TextWriter writer)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, config, leaveOpen: true);
        foreach (var header in (string[])["row", "field", "value", "reason", "severity"]) csv.WriteField(header);
        await csv.NextRecordAsync();
        foreach (var line in _lines)
        {
            csv.WriteField(line.Row);
            csv.WriteField(line.Field);
            csv.WriteField(line.Value);
            csv.WriteField(line.Reason);
            csv.WriteField(line.Severity == IssueSeverity.Warning ? "warning" : "error");
            await csv.NextRecordAsync();
        }
    }
}
