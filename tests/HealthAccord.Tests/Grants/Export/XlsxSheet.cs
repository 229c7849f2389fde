using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// A worksheet read back with the Open XML SDK: each cell's text or number and its number format, which is how a
/// test can tell a date cell from a number and a number from text.
/// </summary>
public sealed class XlsxSheet
{
    public sealed record XlsxCell(string? Text, double? Number, string? NumberFormat);

    public required string Name { get; init; }

    public required IReadOnlyList<IReadOnlyList<XlsxCell>> Rows { get; init; }

    public IReadOnlyList<string> Headers => Rows[0].Select(c => c.Text ?? "").ToList();

    public XlsxCell Cell(int row, string header)
    {
        var column = Headers.ToList().IndexOf(header);
        Assert.True(column >= 0, $"No column {header}.");
        var cells = Rows[row];
        return column < cells.Count ? cells[column] : new XlsxCell(null, null, null);
    }

    /// <summary>
    /// Cells at their columns: a writer may leave empty cells out and name each cell's column in its reference
    /// ("C2"), or write every cell in order without references; both are valid.
    /// </summary>
    private static IReadOnlyList<XlsxCell> Positioned(IEnumerable<Cell> cells, Func<Cell, XlsxCell> read)
    {
        var row = new List<XlsxCell>();
        foreach (var cell in cells)
        {
            if (cell.CellReference?.Value is { } reference)
            {
                var column = reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;
                while (row.Count < column) row.Add(new XlsxCell(null, null, null));
            }
            row.Add(read(cell));
        }
        return row;
    }

    public static IReadOnlyList<XlsxSheet> ReadAll(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var part = document.WorkbookPart!;
        var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var stylesheet = part.WorkbookStylesPart?.Stylesheet;
        var formats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var cellFormats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];

        string? FormatOf(Cell cell)
        {
            if (cell.StyleIndex is null) return null;
            var id = cellFormats[(int)cell.StyleIndex.Value].NumberFormatId?.Value ?? 0;
            return formats.GetValueOrDefault(id) ?? (id == 0 ? null : $"builtin:{id}");
        }

        var sheets = new List<XlsxSheet>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var rows = worksheet.Descendants<Row>().Select(row => Positioned(row.Elements<Cell>(), cell =>
            {
                var type = cell.DataType?.Value;
                if (type == CellValues.InlineString) return new XlsxCell(cell.InlineString?.InnerText, null, FormatOf(cell));
                if (type == CellValues.SharedString) return new XlsxCell(shared[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)], null, FormatOf(cell));
                if (type == CellValues.String) return new XlsxCell(cell.CellValue?.Text, null, FormatOf(cell));
                if (type == CellValues.Boolean) return new XlsxCell(cell.CellValue?.Text, null, FormatOf(cell));
                var number = cell.CellValue is { } value
                    ? double.Parse(value.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)
                    : (double?)null;
                return new XlsxCell(null, number, FormatOf(cell));
            })).ToList();
            sheets.Add(new XlsxSheet { Name = sheet.Name!.Value!, Rows = rows });
        }
        return sheets;
    }
}
