using System.Text;
using System.Text.Json;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// How to read "any CSV" as grants: which column holds which grant field, and how the file writes its text, dates
/// and numbers. Written as a JSON file; MAPPING.md describes the format with a worked example.
/// </summary>
public sealed record CsvMapping
{
    /// <summary>Grant fields a column can be mapped to; the <c>columns</c> object's keys.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "identifier", "title", "description", "currency", "amountAwarded", "awardDate", "plannedStart", "plannedEnd",
        "funderIdentifier", "funderName", "recipientIdentifier", "recipientName", "recipientCountry", "recipientRole",
        "country", "programme", "call", "topic", "classificationVocabulary", "classificationCode", "classificationTitle",
    ];

    /// <summary>Fields that may be one value for the whole file (the <c>constants</c> object) instead of a column.</summary>
    public static readonly IReadOnlyList<string> ConstantFields =
        ["currency", "funderIdentifier", "funderName", "programme", "call", "topic", "classificationVocabulary"];

    /// <summary>Fields every mapping must give, as a column (or, for currency and funderName, a constant).</summary>
    public static readonly IReadOnlyList<string> RequiredFields =
        ["identifier", "title", "currency", "amountAwarded", "awardDate", "funderName", "recipientName"];

    private static readonly HashSet<string> TopLevelKeys =
        ["description", "delimiter", "encoding", "dateFormat", "decimalSeparator", "groupBy", "columns", "constants"];

    public string Delimiter { get; init; } = ",";

    /// <summary>utf-8 (the default), latin1 (iso-8859-1), windows-1252, or another name .NET or its code pages know.</summary>
    public string Encoding { get; init; } = "utf-8";

    public string? DateFormat { get; init; }

    /// <summary>".", "," or "auto" (decided per value, as in CORDIS files).</summary>
    public string DecimalSeparator { get; init; } = ".";

    /// <summary>The identifier's column, when consecutive rows with the same identifier are one grant with many recipients.</summary>
    public string? GroupBy { get; init; }

    /// <summary>Grant field → column title.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Grant field → one value for every grant in the file.</summary>
    public IReadOnlyDictionary<string, string> Constants { get; init; } = new Dictionary<string, string>();

    /// <summary>Reads a mapping file. Every problem is listed, not only the first; the mapping is null when there are any.</summary>
    public static async Task<(CsvMapping? Mapping, IReadOnlyList<string> Problems)> LoadAsync(Stream stream, CancellationToken ct = default)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, ct);
        }
        catch (JsonException e)
        {
            return (null, [$"The mapping is not valid JSON: {e.Message}"]);
        }
        using (document)
        {
            var problems = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, ["The mapping must be a JSON object."]);
            foreach (var property in root.EnumerateObject())
            {
                if (!TopLevelKeys.Contains(property.Name))
                    problems.Add($"The mapping has an unknown key \"{property.Name}\"; known keys are {string.Join(", ", TopLevelKeys)}.");
            }
            var mapping = new CsvMapping
            {
                Delimiter = Text(root, "delimiter", problems) ?? ",",
                Encoding = Text(root, "encoding", problems) ?? "utf-8",
                DateFormat = Text(root, "dateFormat", problems),
                DecimalSeparator = Text(root, "decimalSeparator", problems) ?? ".",
                GroupBy = Text(root, "groupBy", problems),
                Columns = Map(root, "columns", problems),
                Constants = Map(root, "constants", problems),
            };
            problems.AddRange(mapping.Validate());
            return problems.Count == 0 ? (mapping, []) : (null, problems);
        }
    }

    /// <summary>Problems with the mapping itself, before any file is read.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var field in Columns.Keys.Where(f => !Fields.Contains(f)))
            problems.Add($"\"columns\" names an unknown grant field \"{field}\"; known fields are {string.Join(", ", Fields)}.");
        foreach (var (field, column) in Columns.Where(c => string.IsNullOrWhiteSpace(c.Value)))
            problems.Add($"\"columns\".\"{field}\" gives no column title.");
        foreach (var field in Constants.Keys.Where(f => !ConstantFields.Contains(f)))
            problems.Add($"\"constants\" cannot give \"{field}\"; a constant may give {string.Join(", ", ConstantFields)}.");
        foreach (var field in Columns.Keys.Intersect(Constants.Keys))
            problems.Add($"\"{field}\" is given both as a column and as a constant; give one.");
        foreach (var field in RequiredFields.Where(f => !Columns.ContainsKey(f) && !Constants.ContainsKey(f)))
            problems.Add($"The mapping gives no {(ConstantFields.Contains(field) ? "column or constant" : "column")} for the required field \"{field}\".");
        if (string.IsNullOrEmpty(Delimiter)) problems.Add("\"delimiter\" is empty.");
        if (ResolveEncoding() is null) problems.Add($"\"encoding\" \"{Encoding}\" is not an encoding this server knows (try utf-8, latin1 or windows-1252).");
        if (ResolveDecimalSeparator() is null) problems.Add($"\"decimalSeparator\" must be \".\", \",\" or \"auto\", not \"{DecimalSeparator}\".");
        if (DateFormat is { Length: 0 }) problems.Add("\"dateFormat\" is empty; leave it out for ISO dates.");
        if (GroupBy is not null && !string.Equals(GroupBy.Trim(), Columns.GetValueOrDefault("identifier")?.Trim(), StringComparison.OrdinalIgnoreCase))
            problems.Add($"\"groupBy\" (\"{GroupBy}\") must be the identifier's column (\"{Columns.GetValueOrDefault("identifier")}\"): rows are grouped into one grant by identifier.");
        return problems;
    }

    public Encoding? ResolveEncoding()
    {
        var name = Encoding.Trim().ToLowerInvariant();
        if (name is "utf-8" or "utf8") return CsvTable.Utf8;
        if (name is "latin1" or "latin-1" or "iso-8859-1") return System.Text.Encoding.Latin1;
        try
        {
            // Windows code pages (windows-1252 and the like) ship in the framework but are only reachable through their provider.
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? System.Text.Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public DecimalSeparator? ResolveDecimalSeparator() => DecimalSeparator.Trim() switch
    {
        "." => Import.DecimalSeparator.Point,
        "," => Import.DecimalSeparator.Comma,
        "auto" => Import.DecimalSeparator.Detect,
        _ => null,
    };

    private static string? Text(JsonElement root, string key, List<string> problems)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        problems.Add($"\"{key}\" must be a string.");
        return null;
    }

    private static Dictionary<string, string> Map(JsonElement root, string key, List<string> problems)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return map;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"\"{key}\" must be an object of grant field → text.");
            return map;
        }
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String) map[property.Name] = property.Value.GetString()!;
            else problems.Add($"\"{key}\".\"{property.Name}\" must be a string.");
        }
        return map;
    }
}
