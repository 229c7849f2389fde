using System.Globalization;
using System.Text;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// A CSV file as CORDIS publishes them: ';' between fields, every field in double quotes (inner quotes doubled), one
/// '\n' per row whatever the platform, UTF-8 without a byte order mark. Numbers are formatted without allocating.
/// </summary>
internal sealed class SemicolonCsv : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _rowStarted;

    public SemicolonCsv(string path, IEnumerable<string> columns)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        foreach (var column in columns) Field(column);
        EndRow();
    }

    public void Field(ReadOnlySpan<char> value)
    {
        if (_rowStarted) _writer.Write(';');
        _rowStarted = true;
        _writer.Write('"');
        while (value.IndexOf('"') is var quote and >= 0)
        {
            _writer.Write(value[..(quote + 1)]);
            _writer.Write('"');
            value = value[(quote + 1)..];
        }
        _writer.Write(value);
        _writer.Write('"');
    }

    public void Field(string value) => Field(value.AsSpan());

    public void Field(long value)
    {
        Span<char> text = stackalloc char[20];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        Field(text[..length]);
    }

    /// <summary>Money with exactly two decimals and a decimal point.</summary>
    public void Field(decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, "0.00", CultureInfo.InvariantCulture);
        Field(text[..length]);
    }

    public void Field(DateOnly value)
    {
        Span<char> text = stackalloc char[10];
        value.TryFormat(text, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Field(text);
    }

    public void EndRow()
    {
        _writer.Write('\n');
        _rowStarted = false;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
