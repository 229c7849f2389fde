namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// Writes grants in one file format to a stream, chunk by chunk. After each call everything written so far is in
/// the stream, apart from what a format must hold back to stay valid (a spreadsheet's compression window).
/// </summary>
public interface IGrantExportWriter : IAsyncDisposable
{
    bool UsesOrganisationIdentifiers { get; }

    ValueTask StartAsync(CancellationToken ct);

    ValueTask WriteAsync(GrantExportChunk chunk, CancellationToken ct);

    /// <summary>Closes the file (the array, the package, the zip) so it is complete and valid.</summary>
    ValueTask FinishAsync(CancellationToken ct);
}

public static class GrantExportWriters
{
    public static IGrantExportWriter Create(GrantExportFormat format, Stream output, GrantExportContext context)
    {
        if (format == GrantExportFormat.Csv) return new GrantCsvWriter(output, context);
        if (format == GrantExportFormat.Xlsx) return new GrantXlsxWriter(output, context);
        if (format == GrantExportFormat.Json) return new GrantJsonWriter(output, context);
        if (format == GrantExportFormat.ThreeSixtyGiving) return new ThreeSixtyGivingWriter(output, context);
        throw new ArgumentOutOfRangeException(nameof(format), format.Name, "Not an export format.");
    }
}
