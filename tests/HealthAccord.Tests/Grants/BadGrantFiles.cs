using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Web.Grants.Import;
using static HealthAccord.Tests.Grants.GrantFiles;

namespace HealthAccord.Tests.Grants;

public enum BadFileKind
{
    TruncatedJson,
    WrongDelimiter,
    MissingRequiredFields,
    UnknownCurrency,
    NegativeAmount,
    DuplicateIdentifiers,
    InvalidUtf8,
    TwoGigabyteJsonLine,
    TwoGigabyteCsvLine,
}

/// <summary>
/// Grant files that must be refused. Each starts with a valid update of a seeded grant and a valid new grant, and
/// the fault comes third, so an importer that wrote the rows before the fault would change the database visibly.
/// </summary>
public static class BadGrantFiles
{
    /// <summary>Two gibibytes and a bit: past any 32-bit length, which is what the size cap must not depend on.</summary>
    public const long HugeLineBytes = (2L << 30) + 4096;

    public static (string Path, string Format) Write(BadFileKind kind, string folder)
    {
        var json = Path.Combine(folder, "bad.json");
        var csv = Path.Combine(folder, "bad.csv");
        switch (kind)
        {
            case BadFileKind.TruncatedJson:
                var whole = Package(UpdatedSeed(), NewGrant("NEW-1"), NewGrant("NEW-2"));
                // Cut inside the third grant's funder, as a download that stopped would.
                File.WriteAllText(json, whole[..whole.LastIndexOf("fundingOrganization", StringComparison.Ordinal)]);
                return (json, "360giving-json");
            case BadFileKind.WrongDelimiter:
                File.WriteAllText(csv, ThreeSixtyGivingCsv(';'));
                return (csv, "360giving-csv");
            case BadFileKind.MissingRequiredFields:
                var incomplete = NewGrant("NEW-2");
                incomplete.Remove("title");
                incomplete.Remove("currency");
                File.WriteAllText(json, Package(UpdatedSeed(), NewGrant("NEW-1"), incomplete));
                return (json, "360giving-json");
            case BadFileKind.UnknownCurrency:
                var foreign = NewGrant("NEW-2");
                foreign["currency"] = "XYZ";
                File.WriteAllText(json, Package(UpdatedSeed(), NewGrant("NEW-1"), foreign));
                return (json, "360giving-json");
            case BadFileKind.NegativeAmount:
                var negative = NewGrant("NEW-2");
                negative["amountAwarded"] = -5000;
                File.WriteAllText(json, Package(UpdatedSeed(), NewGrant("NEW-1"), negative));
                return (json, "360giving-json");
            case BadFileKind.DuplicateIdentifiers:
                File.WriteAllText(json, Package(UpdatedSeed(), NewGrant("NEW-1"), NewGrant("NEW-1")));
                return (json, "360giving-json");
            case BadFileKind.InvalidUtf8:
                var marked = NewGrant("NEW-2");
                marked["title"] = "Clinic BROKEN survey";
                var bytes = Encoding.UTF8.GetBytes(Package(UpdatedSeed(), NewGrant("NEW-1"), marked));
                // 0xC3 must start a two-byte sequence; 0x28 '(' cannot continue one.
                File.WriteAllBytes(json, Replace(bytes, "BROKEN"u8.ToArray(), [0xC3, 0x28]));
                return (json, "360giving-json");
            case BadFileKind.TwoGigabyteJsonLine:
                var head = Package(UpdatedSeed(), NewGrant("NEW-1"));
                WriteHugeLine(json, head[..^2] + ",{\"id\":\"NEW-2\",\"title\":\"", "\"}]}");
                return (json, "360giving-json");
            case BadFileKind.TwoGigabyteCsvLine:
                var lines = ThreeSixtyGivingCsv(',');
                WriteHugeLine(csv, lines + "NEW-3,Huge,\"", "\",GBP,1,2021-06-30,GB-CHC-000001,Example Foundation,XI-ROR-03yrm5c26,Example University\n");
                return (csv, "360giving-csv");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static JsonObject UpdatedSeed()
    {
        var grant = ValidGrant(SeededGrantFolder.SeededIds[0]);
        grant["title"] = "Changed by a file that must be refused";
        return grant;
    }

    private static JsonObject NewGrant(string id)
    {
        var grant = ValidGrant(id);
        grant["title"] = $"New grant {id} from a file that must be refused";
        return grant;
    }

    /// <summary>The seeded grant changed and one new grant, in the standard's flattened columns, with the given delimiter.</summary>
    private static string ThreeSixtyGivingCsv(char delimiter)
    {
        string[] header = ["Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date", "Funding Org:Identifier", "Funding Org:Name",
            "Recipient Org:Identifier", "Recipient Org:Name"];
        string[][] rows =
        [
            [SeededGrantFolder.SeededIds[0], "Changed by a file that must be refused", "", "GBP", "25000", "2021-06-30", "GB-CHC-000001", "Example Foundation", "XI-ROR-03yrm5c26", "Example University"],
            ["NEW-1", "New grant NEW-1", "", "GBP", "1000", "2021-06-30", "GB-CHC-000001", "Example Foundation", "XI-ROR-03yrm5c26", "Example University"],
        ];
        return string.Join('\n', new[] { header }.Concat(rows).Select(r => string.Join(delimiter, r))) + "\n";
    }

    /// <summary>
    /// <paramref name="head"/>, then one value of more than the reader's per-grant cap in real bytes, then a hole up
    /// to <see cref="HugeLineBytes"/> (a sparse file: zeros that take no disk), then <paramref name="tail"/>. No line
    /// break anywhere after the head. The reader must give up at its cap, long before the hole.
    /// </summary>
    private static void WriteHugeLine(string path, string head, string tail)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(Encoding.UTF8.GetBytes(head));
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, (byte)'a');
        for (long written = 0; written <= GrantReadOptions.DefaultMaxGrantBytes; written += chunk.Length) file.Write(chunk);
        file.SetLength(HugeLineBytes);
        file.Seek(0, SeekOrigin.End);
        file.Write(Encoding.UTF8.GetBytes(tail));
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        return [.. bytes.AsSpan(0, at), .. with, .. bytes.AsSpan(at + find.Length)];
    }
}
