using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// One row per grant (<see cref="GrantTableRow"/>), RFC 4180 quoting, UTF-8 without a byte-order mark as the other
/// list downloads, dates as yyyy-MM-dd and numbers with a decimal point whatever the server's culture.
/// </summary>
public sealed class GrantCsvWriter : IGrantExportWriter
{
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;
    private readonly GrantExportContext _context;

    public GrantCsvWriter(Stream output, GrantExportContext context)
    {
        _context = context;
        _text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        _csv = new CsvWriter(_text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Grant texts come from other people's files: a title such as =HYPERLINK(...) must not become a formula
            // when the file is opened in a spreadsheet, so such a field is written with a leading apostrophe.
            InjectionOptions = InjectionOptions.Escape,
        });
        var dates = new TypeConverterOptions { Formats = ["yyyy-MM-dd"] };
        _csv.Context.TypeConverterOptionsCache.AddOptions<DateOnly>(dates);
        _csv.Context.TypeConverterOptionsCache.AddOptions<DateOnly?>(dates);
        _csv.Context.TypeConverterOptionsCache.AddOptions<DateTime>(new TypeConverterOptions { Formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'"] });
    }

    public bool UsesOrganisationIdentifiers => false;

    public ValueTask StartAsync(CancellationToken ct)
    {
        _csv.WriteHeader<GrantTableRow>();
        _csv.NextRecord();
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(GrantExportChunk chunk, CancellationToken ct)
    {
        foreach (var grant in chunk.Grants)
        {
            _csv.WriteRecord(GrantTableRow.From(grant, _context));
            _csv.NextRecord();
        }
        // Into the export buffer (memory), which the exporter then sends: see ExportBuffer.
        _csv.Flush();
        _text.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask FinishAsync(CancellationToken ct)
    {
        _csv.Flush();
        _text.Flush();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _text.DisposeAsync();
    }
}
