namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// Where the export writers write: memory that is emptied into the response after each chunk of grants. The writers
/// (CsvHelper, Utf8JsonWriter, SpreadCheetah's zip) write synchronously in places, which Kestrel refuses on a
/// response body; here every synchronous write lands in memory and only <see cref="DrainToAsync"/> touches the
/// network. It holds at most one chunk's output, so memory stays flat whatever the export's length.
/// </summary>
public sealed class ExportBuffer : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;

    /// <summary>Bytes waiting to be drained.</summary>
    public long Pending => _pending.Length;

    /// <summary>Bytes written since the export began, drained or not.</summary>
    public long Written => _written;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void WriteByte(byte value)
    {
        _pending.WriteByte(value);
        _written++;
    }

    /// <summary>Sends what is pending to <paramref name="target"/> and forgets it.</summary>
    public async Task DrainToAsync(Stream target, CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await target.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        await target.FlushAsync(ct);
        _pending.SetLength(0);
    }

    public override void Flush()
    {
        // Nothing to do: bytes reach the client when the exporter drains the buffer.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _pending.Dispose();
        base.Dispose(disposing);
    }
}
