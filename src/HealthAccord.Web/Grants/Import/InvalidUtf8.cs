using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Finds bytes that are not UTF-8 in one grant's JSON and names the field they are in. System.Text.Json checks
/// UTF-8 only when a string is decoded, and then throws without saying where, so each grant is checked first.
/// </summary>
internal static class InvalidUtf8
{
    /// <summary>
    /// Replaces each invalid byte with '?' (one byte for one, so offsets stay true) and returns where the invalid
    /// sequences start. The grant can then be parsed as usual and its other fields checked too.
    /// </summary>
    public static List<int> Replace(Span<byte> json)
    {
        var starts = new List<int>();
        var position = 0;
        while (position < json.Length)
        {
            var status = Rune.DecodeFromUtf8(json[position..], out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                position += consumed;
                continue;
            }
            starts.Add(position);
            json.Slice(position, consumed).Fill((byte)'?');
            position += consumed;
        }
        return starts;
    }

    /// <summary>The JSON path ("recipientOrganization[0].name") of the token that holds the byte at <paramref name="offset"/>.</summary>
    public static string PathAt(ReadOnlySpan<byte> json, int offset)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                frames[^1] = frames[^1] with { Property = reader.GetString() };
                if (Contains(ref reader, offset)) return Path(frames);
                continue;
            }
            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }
            if (frames.Count > 0 && frames[^1].IsArray) frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, -1, null));
                continue;
            }
            if (Contains(ref reader, offset)) return Path(frames);
        }
        return "(grant)";
    }

    private static bool Contains(ref Utf8JsonReader reader, int offset) => offset >= reader.TokenStartIndex && offset < reader.BytesConsumed;

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder();
        // The first frame is the grant object itself, whose properties start the path.
        foreach (var frame in frames)
        {
            if (frame.IsArray) path.Append('[').Append(frame.Index).Append(']');
            else if (frame.Property is not null) path.Append(path.Length == 0 ? "" : ".").Append(frame.Property);
        }
        return path.Length == 0 ? "(grant)" : path.ToString();
    }

    private sealed record Frame(bool IsArray, int Index, string? Property);
}
