using System.Globalization;
using System.Text;
using HealthAccord.Bench.Generation;

namespace HealthAccord.Bench.Import;

/// <summary>
/// The grants of a generated 360Giving file as one CSV row each, with the columns of the app's Grants table that the
/// file supplies (the same values the import stores), for the sqlite3 shell's <c>.import</c>.
/// </summary>
internal sealed class GrantsCsvWriter : IGrantWriter
{
    public const string Header = "Id,Identifier,Title,Description,Currency,AmountAwarded,AwardDate,PlannedStart,PlannedEnd,Programme,SourceDataset,SourceRow";

    private readonly StreamWriter _writer;
    private readonly string _dataset;
    private readonly StringBuilder _line = new();

    public GrantsCsvWriter(string path, string dataset)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 20);
        _dataset = dataset;
        _writer.WriteLine(Header);
        Files = [path];
    }

    public IReadOnlyList<string> Files { get; }

    public void Write(SyntheticGrant grant)
    {
        var line = _line.Clear();
        var c = CultureInfo.InvariantCulture;
        line.Append(c, $"{grant.Number},{grant.Funder.IdPrefix}-{grant.Number},");
        Field(grant.Title.Span);
        line.Append(',');
        Field(grant.Description.Span);
        line.Append(c, $",{grant.Currency},{grant.AmountAwarded},{grant.AwardDate:yyyy-MM-dd},{grant.PlannedStart:yyyy-MM-dd},{grant.PlannedEnd:yyyy-MM-dd},");
        Field(grant.Programme.Title);
        line.Append(',');
        Field(_dataset);
        line.Append(c, $",{grant.Number}");
        _writer.WriteLine(line);
    }

    /// <summary>RFC 4180: quoted when it holds a comma, quote or line break, with quotes doubled.</summary>
    private void Field(ReadOnlySpan<char> value)
    {
        if (value.IndexOfAny(",\"\r\n") < 0)
        {
            _line.Append(value);
            return;
        }
        _line.Append('"');
        foreach (var ch in value)
        {
            if (ch == '"') _line.Append('"');
            _line.Append(ch);
        }
        _line.Append('"');
    }

    public void Complete() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
