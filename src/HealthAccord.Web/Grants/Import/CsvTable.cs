using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// A CSV file read record by record with CsvHelper's parser, for the three CSV readers: a header, then fields by column
/// index. A record over the size limit ends reading with <see cref="Failure"/> rather than an exception; malformed
/// quoting and undecodable bytes are reported on the row they are in, and reading goes on.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    /// <summary>CsvHelper reads ahead by up to this many characters, which the size limit allows for.</summary>
    private const int ParserBufferSize = 64 * 1024;

    public const string BadDataReason = "has a quote in the wrong place (malformed CSV); the field may have been split or joined wrongly";

    public const string UnreadableReason =
        "holds bytes that are not valid in the file's encoding (shown as \uFFFD); if the file is not UTF-8, give its encoding (a mapping file's \"encoding\")";

    private readonly BoundedTextReader _text;
    private readonly CsvParser _csv;
    private readonly long _maxRecordChars;

    /// <summary>Fields of the current record found to have malformed quoting (CsvHelper checks a field when it is first read).</summary>
    private readonly List<(int Column, string Field)> _badData = [];

    /// <summary>The column being read, so a quoting problem CsvHelper reports can be put under its title.</summary>
    private int _column;

    public CsvTable(Stream stream, Encoding encoding, string delimiter, long maxRecordChars)
    {
        _maxRecordChars = maxRecordChars;
        // leaveOpen: the stream belongs to the caller, who may still read its position (the import verb's progress bar).
        _text = new BoundedTextReader(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: -1, leaveOpen: true),
            maxRecordChars + ParserBufferSize);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            BufferSize = ParserBufferSize,
            // Collected and reported on the row instead of thrown, so one stray quote does not end the import.
            BadDataFound = args => _badData.Add((_column, args.Field)),
        };
        _csv = new CsvParser(_text, config);
    }

    /// <summary>
    /// UTF-8 that turns invalid bytes into U+FFFD. The decoder runs ahead of the parser by a buffer, so an exception
    /// could not say which record the bytes were in; <see cref="ReportTextProblems"/> finds them afterwards instead.
    /// </summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The data record just read, 1-based; the header is not counted.</summary>
    public int Record { get; private set; }

    /// <summary>Why reading stopped early, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>The field in this column of the current record; null past the record's last field.</summary>
    public string? this[int column]
    {
        get
        {
            if (column < 0 || column >= _csv.Count) return null;
            _column = column;
            return _csv[column];
        }
    }

    public async Task<bool> ReadHeaderAsync()
    {
        if (!await ReadRecordAsync()) return false;
        // Trimmed, so "Amount Awarded " still matches; a byte order mark is already gone (StreamReader).
        Header = [.. Enumerable.Range(0, _csv.Count).Select(i => _csv[i].Trim())];
        Record = 0;
        return true;
    }

    public async Task<bool> ReadAsync()
    {
        if (!await ReadRecordAsync()) return false;
        Record++;
        return true;
    }

    private async Task<bool> ReadRecordAsync()
    {
        if (Failure is not null) return false;
        _badData.Clear();
        _text.MarkRecordBoundary();
        var read = await _csv.ReadAsync();
        if (_text.LimitReached)
        {
            Failure = $"Record {Record + 1} is larger than the limit of {_maxRecordChars} characters (a missing closing quote or line break?).";
            return false;
        }
        return read;
    }

    /// <summary>
    /// Reports, on the row, every field of the current record that could not be read cleanly: malformed quoting,
    /// or bytes the encoding could not decode. Reading each field here is also what makes CsvHelper check its quoting.
    /// </summary>
    public void ReportTextProblems(Action<string, string?, string> report)
    {
        foreach (var column in UnreadableColumns()) report(ColumnTitle(column), this[column], UnreadableReason);
        foreach (var (column, field) in _badData) report(ColumnTitle(column), field, BadDataReason);
    }

    /// <summary>
    /// Columns of the current record holding U+FFFD, the mark of bytes the encoding could not read (or of text
    /// that went through such a failure before it reached this file).
    /// </summary>
    private IEnumerable<int> UnreadableColumns()
    {
        for (var i = 0; i < _csv.Count; i++)
        {
            if (this[i]!.Contains('\uFFFD', StringComparison.Ordinal)) yield return i;
        }
    }

    /// <summary>The title of a column for a report line, or its position when the header has no such column.</summary>
    public string ColumnTitle(int column) => column < Header.Count && Header[column].Length > 0 ? Header[column] : $"(column {column + 1})";

    /// <summary>The column index for each wanted header, matched without regard to case or surrounding spaces; -1 when absent.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i], name.Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <summary>A hint for a header that came out as one column: the file is probably separated by something else.</summary>
    public string DelimiterHint(string delimiter)
    {
        if (Header.Count != 1) return "";
        foreach (var candidate in (string[])[";", "\t", ",", "|"])
        {
            if (candidate != delimiter && Header[0].Contains(candidate, StringComparison.Ordinal))
            {
                var shown = candidate == "\t" ? "\\t" : candidate;
                return $" The header reads as one column holding '{shown}': is the file separated by '{shown}' rather than '{delimiter}'?";
            }
        }
        return "";
    }

    public void Dispose()
    {
        _csv.Dispose();
        _text.Dispose();
    }
}
