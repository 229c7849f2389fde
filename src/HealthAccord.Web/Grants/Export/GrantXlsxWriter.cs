using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// The table of <see cref="GrantTableRow"/> as an Excel workbook written forward-only by SpreadCheetah: a bold,
/// frozen header row, amounts and rates as numbers, dates as date cells, so a spreadsheet can sum, sort and filter
/// them without converting text. A worksheet holds at most 1,048,576 rows; longer exports go on to "Grants 2" and so on.
/// </summary>
public sealed class GrantXlsxWriter(Stream output, GrantExportContext context) : IGrantExportWriter
{
    private const int MaxRowsPerSheet = 1_048_576;

    /// <summary>Excel's limit for one cell's text; longer descriptions are cut with an ellipsis rather than making a file Excel repairs.</summary>
    private const int MaxCellText = 32_767;

    private static readonly string[] Headers =
    [
        nameof(GrantTableRow.Id), nameof(GrantTableRow.Identifier), nameof(GrantTableRow.Title), nameof(GrantTableRow.Description),
        nameof(GrantTableRow.AmountAwarded), nameof(GrantTableRow.Currency), nameof(GrantTableRow.AmountEur), nameof(GrantTableRow.EurRate),
        nameof(GrantTableRow.EurRateDate), nameof(GrantTableRow.AwardDate), nameof(GrantTableRow.PlannedStart), nameof(GrantTableRow.PlannedEnd),
        nameof(GrantTableRow.Programme), nameof(GrantTableRow.Call), nameof(GrantTableRow.Topic), nameof(GrantTableRow.Funders),
        nameof(GrantTableRow.LeadRecipient), nameof(GrantTableRow.OtherRecipients), nameof(GrantTableRow.Countries),
        nameof(GrantTableRow.Pathogens), nameof(GrantTableRow.HrcsCategories), nameof(GrantTableRow.Partnerships),
        nameof(GrantTableRow.SourceDataset), nameof(GrantTableRow.SourceRow), nameof(GrantTableRow.UpdatedAt), nameof(GrantTableRow.Url),
    ];

    /// <summary>Widths (in characters) for the wide text columns; the rest keep Excel's default.</summary>
    private static readonly Dictionary<string, double> Widths = new()
    {
        [nameof(GrantTableRow.Identifier)] = 24,
        [nameof(GrantTableRow.Title)] = 60,
        [nameof(GrantTableRow.Description)] = 80,
        [nameof(GrantTableRow.AmountAwarded)] = 16,
        [nameof(GrantTableRow.AmountEur)] = 16,
        [nameof(GrantTableRow.EurRateDate)] = 12,
        [nameof(GrantTableRow.AwardDate)] = 12,
        [nameof(GrantTableRow.PlannedStart)] = 12,
        [nameof(GrantTableRow.PlannedEnd)] = 12,
        [nameof(GrantTableRow.Funders)] = 40,
        [nameof(GrantTableRow.LeadRecipient)] = 40,
        [nameof(GrantTableRow.OtherRecipients)] = 40,
        [nameof(GrantTableRow.UpdatedAt)] = 20,
    };

    private readonly Cell[] _cells = new Cell[Headers.Length];
    private Spreadsheet? _spreadsheet;
    private StyleId? _header;
    private StyleId? _date;
    private StyleId? _dateTime;
    private StyleId? _money;
    private int _sheets;
    private int _rowsInSheet;

    public bool UsesOrganisationIdentifiers => false;

    public async ValueTask StartAsync(CancellationToken ct)
    {
        _spreadsheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions
        {
            DocumentProperties = new() { Title = "HealthAccord grants" },
        }, ct);
        _header = _spreadsheet.AddStyle(new Style { Font = { Bold = true } });
        _date = _spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        _dateTime = _spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm:ss") });
        _money = _spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparatorTwoDecimalPlaces) });
        await StartSheetAsync(ct);
    }

    public async ValueTask WriteAsync(GrantExportChunk chunk, CancellationToken ct)
    {
        var spreadsheet = _spreadsheet ?? throw new InvalidOperationException("StartAsync first.");
        foreach (var grant in chunk.Grants)
        {
            if (_rowsInSheet == MaxRowsPerSheet) await StartSheetAsync(ct);
            Fill(GrantTableRow.From(grant, context));
            await spreadsheet.AddRowAsync(_cells, ct);
            _rowsInSheet++;
        }
    }

    public async ValueTask FinishAsync(CancellationToken ct)
    {
        if (_spreadsheet is null) return;
        await _spreadsheet.FinishAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_spreadsheet is not null) await _spreadsheet.DisposeAsync();
    }

    private async ValueTask StartSheetAsync(CancellationToken ct)
    {
        var options = new WorksheetOptions { FrozenRows = 1 };
        for (var i = 0; i < Headers.Length; i++)
        {
            if (Widths.TryGetValue(Headers[i], out var width)) options.Column(i + 1).Width = width;
        }
        _sheets++;
        await _spreadsheet!.StartWorksheetAsync(_sheets == 1 ? "Grants" : $"Grants {_sheets}", options, ct);
        for (var i = 0; i < Headers.Length; i++) _cells[i] = new Cell(Headers[i], _header);
        await _spreadsheet.AddRowAsync(_cells, ct);
        _rowsInSheet = 1;
    }

    private void Fill(GrantTableRow row)
    {
        var i = 0;
        _cells[i++] = new Cell(row.Id);
        _cells[i++] = Text(row.Identifier);
        _cells[i++] = Text(row.Title);
        _cells[i++] = Text(row.Description);
        _cells[i++] = new Cell(row.AmountAwarded, _money);
        _cells[i++] = Text(row.Currency);
        _cells[i++] = new Cell(row.AmountEur, _money);
        _cells[i++] = new Cell(row.EurRate);
        _cells[i++] = Date(row.EurRateDate);
        _cells[i++] = Date(row.AwardDate);
        _cells[i++] = Date(row.PlannedStart);
        _cells[i++] = Date(row.PlannedEnd);
        _cells[i++] = Text(row.Programme);
        _cells[i++] = Text(row.Call);
        _cells[i++] = Text(row.Topic);
        _cells[i++] = Text(row.Funders);
        _cells[i++] = Text(row.LeadRecipient);
        _cells[i++] = Text(row.OtherRecipients);
        _cells[i++] = Text(row.Countries);
        _cells[i++] = Text(row.Pathogens);
        _cells[i++] = Text(row.HrcsCategories);
        _cells[i++] = Text(row.Partnerships);
        _cells[i++] = Text(row.SourceDataset);
        _cells[i++] = new Cell(row.SourceRow);
        _cells[i++] = new Cell(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Unspecified), _dateTime);
        _cells[i] = Text(row.Url);
    }

    private Cell Date(DateOnly? date) =>
        new(date is { } d ? d.ToDateTime(TimeOnly.MinValue) : null, _date);

    private static Cell Text(string? value) =>
        new(value is { Length: > MaxCellText } ? string.Concat(value.AsSpan(0, MaxCellText - 1), "…") : value);
}
