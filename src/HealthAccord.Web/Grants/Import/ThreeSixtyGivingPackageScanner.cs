using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// The synchronous half of <see cref="ThreeSixtyGivingJsonReader"/>: a <see cref="Utf8JsonReader"/> over a pooled
/// buffer that the async half refills from the stream. Grants are found by skipping over each object in the
/// <c>grants</c> array; only when a whole grant is in the buffer is it parsed (as its own small JSON document) and
/// checked. The buffer grows only while one grant does not fit, and never past the configured limit.
/// </summary>
internal sealed class ThreeSixtyGivingPackageScanner : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Room for the separator and indentation that precede a grant in the buffer, beyond the grant itself.</summary>
    private const int Slack = 4096;

    /// <summary>Results handed to the async half at a time, so a large buffer of small grants still streams.</summary>
    private const int Batch = 64;

    private static readonly JsonDocumentOptions GrantDocumentOptions = new() { MaxDepth = 64 };

    private readonly int _maxGrantBytes;
    private readonly string? _dateFormat;
    private readonly string _datasetName;
    private readonly DuplicateIds _identifiers = new();
    private byte[] _buffer;
    private int _dataStart;
    private int _dataEnd;
    private long _bufferOffset;
    private JsonReaderState _state;
    private Phase _phase = Phase.ExpectRoot;
    private bool _endOfStream;
    private bool _stopped;
    private bool _sawGrants;
    private int _grants;

    /// <summary>Set while the buffer holds the start of a grant whose end has not arrived.</summary>
    private bool _grantPending;

    private enum Phase
    {
        ExpectRoot,
        TopLevel,
        ExpectTopValue,
        SkipTopValue,
        ExpectGrantsArray,
        InGrants,
        SkipNonObjectGrant,
        Done,
    }

    public ThreeSixtyGivingPackageScanner(GrantReadOptions options, string datasetName)
    {
        _maxGrantBytes = options.MaxGrantBytes;
        _dateFormat = options.DateFormat;
        _datasetName = datasetName;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, options.MaxGrantBytes + Slack));
    }

    public List<ReadResult> Results { get; } = [];

    /// <summary>Reads what the buffer holds. True when more data is wanted; false when the package ended or reading stopped.</summary>
    public bool Scan()
    {
        if (_stopped) return false;
        SkipByteOrderMark();
        var reader = new Utf8JsonReader(_buffer.AsSpan(_dataStart, _dataEnd - _dataStart), isFinalBlock: false, _state);
        try
        {
            while (Results.Count < Batch)
            {
                var stateBefore = reader.CurrentState;
                var consumedBefore = reader.BytesConsumed;
                // Never a final block, even at the end of the stream: an incomplete grant then shows up as a
                // failed skip, which can be reported as exactly that, instead of as a parser exception.
                if (!reader.Read()) return NeedData(ref reader);
                if (_phase == Phase.InGrants && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        var grantOffset = _bufferOffset + _dataStart + start;
                        Commit(consumedBefore, stateBefore);
                        _grantPending = true;
                        return WantMore(grantOffset);
                    }
                    _grantPending = false;
                    _grants++;
                    ReadGrant(_dataStart + (int)start, (int)(reader.BytesConsumed - start));
                    if (_stopped) return false;
                    continue;
                }
                Step(ref reader);
                if (_stopped) return false;
            }
            Commit(reader.BytesConsumed, reader.CurrentState);
            return true;
        }
        catch (JsonException e)
        {
            var where = $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1} of the line";
            if (_phase == Phase.InGrants) Stop(_grants + 1, $"The JSON is malformed in grant {_grants + 1} ({where}): {Plain(e)}");
            else Stop(_grants, $"The JSON is malformed after grant {_grants} ({where}): {Plain(e)}");
            return false;
        }
    }

    private bool NeedData(ref Utf8JsonReader reader)
    {
        Commit(reader.BytesConsumed, reader.CurrentState);
        if (!_endOfStream) return true;
        if (_phase == Phase.Done) return false;
        Stop(_phase == Phase.InGrants ? _grants + 1 : _grants, _phase switch
        {
            Phase.ExpectRoot when _bufferOffset + _dataEnd == 0 => "The file is empty.",
            Phase.ExpectRoot => "The file is not a 360Giving package: it does not start with a JSON object.",
            _ => $"The file ends before the package is complete, after grant {_grants} (byte {_bufferOffset + _dataEnd}); it may be cut off.",
        });
        return false;
    }

    private bool WantMore(long grantOffset)
    {
        if (!_endOfStream) return true;
        Stop(_grants + 1, $"The file ends inside grant {_grants + 1}, which starts at byte {grantOffset}; it may be cut off.");
        return false;
    }

    /// <summary>Everything except a grant object: the package's structure, other top-level keys, non-object grants.</summary>
    private void Step(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        switch (_phase)
        {
            case Phase.ExpectRoot:
                if (token == JsonTokenType.StartObject) _phase = Phase.TopLevel;
                else if (token == JsonTokenType.StartArray) Stop("The file is not a 360Giving package: it is a JSON array; a package is an object with a \"grants\" array, {\"grants\": [...]}.");
                else Stop($"The file is not a 360Giving package: it is a single JSON {Describe(token)}; a package is {{\"grants\": [...]}}.");
                break;
            case Phase.TopLevel when token == JsonTokenType.PropertyName:
                _phase = reader.ValueTextEquals("grants"u8) ? Phase.ExpectGrantsArray : Phase.ExpectTopValue;
                break;
            case Phase.TopLevel:
                _phase = Phase.Done;
                if (!_sawGrants) Stop("The file is not a 360Giving package: it has no \"grants\" array.");
                break;
            case Phase.ExpectTopValue:
                _phase = token is JsonTokenType.StartObject or JsonTokenType.StartArray ? Phase.SkipTopValue : Phase.TopLevel;
                break;
            case Phase.SkipTopValue:
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == 1) _phase = Phase.TopLevel;
                break;
            case Phase.ExpectGrantsArray:
                if (token != JsonTokenType.StartArray)
                {
                    Stop($"The file is not a 360Giving package: \"grants\" is a JSON {Describe(token)}, not an array.");
                    break;
                }
                _sawGrants = true;
                _phase = Phase.InGrants;
                break;
            case Phase.InGrants when token == JsonTokenType.EndArray:
                _phase = Phase.TopLevel;
                break;
            case Phase.InGrants:
                _grants++;
                Results.Add(new ReadResult(_grants, null,
                    [new RowError(_grants, "(grant)", null, $"is a JSON {Describe(token)}; each item of \"grants\" must be an object")]));
                if (token == JsonTokenType.StartArray) _phase = Phase.SkipNonObjectGrant;
                break;
            case Phase.SkipNonObjectGrant:
                if (token == JsonTokenType.EndArray && reader.CurrentDepth == 2) _phase = Phase.InGrants;
                break;
        }
    }

    private void ReadGrant(int start, int length)
    {
        var row = _grants;
        if (length > _maxGrantBytes)
        {
            Stop(row, $"Grant {row} is larger than the limit: {length} bytes, more than {_maxGrantBytes}.");
            return;
        }
        var draft = new GrantDraft(ThreeSixtyGivingJsonGrant.Names, row, _datasetName, _dateFormat);
        var json = new ReadOnlyMemory<byte>(_buffer, start, length);
        byte[]? repaired = null;
        try
        {
            if (!Utf8.IsValid(json.Span))
            {
                repaired = ArrayPool<byte>.Shared.Rent(length);
                json.Span.CopyTo(repaired);
                var copy = repaired.AsSpan(0, length);
                foreach (var offset in InvalidUtf8.Replace(copy))
                {
                    draft.Error(InvalidUtf8.PathAt(copy, offset), null,
                        $"contains bytes that are not UTF-8, at byte {_bufferOffset + start + offset} of the file (the file must be UTF-8)");
                }
                json = new ReadOnlyMemory<byte>(repaired, 0, length);
            }
            using var document = JsonDocument.Parse(json, GrantDocumentOptions);
            ThreeSixtyGivingJsonGrant.Read(document.RootElement, draft);
            Results.Add(draft.Finish(_identifiers));
        }
        finally
        {
            if (repaired is not null) ArrayPool<byte>.Shared.Return(repaired);
        }
    }

    /// <summary>Frees the consumed part of the buffer and, while one grant does not fit, grows it up to the limit.</summary>
    public Memory<byte> MakeRoom()
    {
        if (_dataStart > 0)
        {
            _buffer.AsSpan(_dataStart, _dataEnd - _dataStart).CopyTo(_buffer);
            _bufferOffset += _dataStart;
            _dataEnd -= _dataStart;
            _dataStart = 0;
        }
        // The limit is counted in bytes held, not in the buffer's length: ArrayPool rounds a request up to a power of
        // two, so a 16 MB limit would otherwise let an unfinished grant fill a 32 MB buffer before reading stopped.
        var limit = _maxGrantBytes + Slack;
        if (_dataEnd >= limit)
        {
            Stop(_grantPending ? _grants + 1 : _grants, _grantPending
                ? $"Grant {_grants + 1} is larger than the limit: it starts at byte {_bufferOffset} and is still open after {_maxGrantBytes} bytes."
                : $"A single JSON value at byte {_bufferOffset} (after grant {_grants}) is larger than the limit of {_maxGrantBytes} bytes.");
            return Memory<byte>.Empty;
        }
        if (_dataEnd == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, limit));
            _buffer.AsSpan(0, _dataEnd).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsMemory(_dataEnd, Math.Min(_buffer.Length, limit) - _dataEnd);
    }

    public void Received(int count)
    {
        if (count == 0) _endOfStream = true;
        _dataEnd += count;
    }

    private void Commit(long consumed, JsonReaderState state)
    {
        _dataStart += (int)consumed;
        _state = state;
    }

    private void SkipByteOrderMark()
    {
        if (_bufferOffset != 0 || _dataStart != 0 || _phase != Phase.ExpectRoot) return;
        if (_dataEnd >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _dataStart = 3;
    }

    /// <summary>Ends reading with a file-level error at <paramref name="row"/>: the grant it broke in, or the last one read when it broke between grants.</summary>
    private void Stop(int row, string reason)
    {
        _stopped = true;
        Results.Add(ReadResult.FileError(row, reason));
    }

    private void Stop(string reason) => Stop(_grants, reason);

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

    /// <summary>The parser's message without its own position suffix, which counts from zero and is given above from one.</summary>
    private static string Plain(JsonException e)
    {
        var cut = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? e.Message : e.Message[..cut];
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _identifiers.Dispose();
    }
}
