namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Hands a CSV parser its text but stops (as if the file ended) once one record has taken more than a set number of
/// characters. CsvHelper buffers a whole record before returning it, so without this a file with no line breaks, or
/// a quote that is never closed, would be read into memory whole.
/// </summary>
internal sealed class BoundedTextReader(TextReader inner, long maxCharsPerRecord) : TextReader
{
    private long _sinceBoundary;

    public bool LimitReached { get; private set; }

    /// <summary>Called after each record: the parser may have read ahead, but never more than its buffer, which the limit allows for.</summary>
    public void MarkRecordBoundary() => _sinceBoundary = 0;

    public override int Read(char[] buffer, int index, int count) => Count(inner.Read(buffer, index, Allowed(count)));

    public override int Read(Span<char> buffer) => Count(inner.Read(buffer[..Allowed(buffer.Length)]));

    public override async Task<int> ReadAsync(char[] buffer, int index, int count) =>
        Count(await inner.ReadAsync(buffer.AsMemory(index, Allowed(count))));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

    public override int Peek() => LimitReached ? -1 : inner.Peek();

    public override int Read()
    {
        if (Allowed(1) == 0) return -1;
        var c = inner.Read();
        if (c >= 0) _sinceBoundary++;
        return c;
    }

    private int Allowed(int requested)
    {
        var left = maxCharsPerRecord - _sinceBoundary;
        if (left > 0) return (int)Math.Min(requested, left);
        LimitReached = true;
        return 0;
    }

    private int Count(int read)
    {
        _sinceBoundary += read;
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
