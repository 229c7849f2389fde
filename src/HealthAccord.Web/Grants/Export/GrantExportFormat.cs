namespace HealthAccord.Web.Grants.Export;

/// <summary>A file format grants can be exported in: its name in <c>format=</c>, its media type and file ending.</summary>
public sealed class GrantExportFormat
{
    private GrantExportFormat(string name, string label, string contentType, string fileEnding)
    {
        Name = name;
        Label = label;
        ContentType = contentType;
        FileEnding = fileEnding;
    }

    /// <summary>The value of the API's <c>format</c> parameter.</summary>
    public string Name { get; }

    /// <summary>How the /grants page names the format in its download links.</summary>
    public string Label { get; }

    public string ContentType { get; }

    /// <summary>What the download's file name ends with; 360Giving says so in the name, since both JSON files end in .json.</summary>
    public string FileEnding { get; }

    public static readonly GrantExportFormat Csv = new("csv", "CSV", "text/csv; charset=utf-8", ".csv");
    public static readonly GrantExportFormat Xlsx = new("xlsx", "Excel (XLSX)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly GrantExportFormat Json = new("json", "JSON", "application/json; charset=utf-8", ".json");
    public static readonly GrantExportFormat ThreeSixtyGiving = new("360giving", "360Giving JSON", "application/json; charset=utf-8", "-360giving.json");

    /// <summary>In the order the page offers them.</summary>
    public static readonly IReadOnlyList<GrantExportFormat> All = [Csv, Xlsx, Json, ThreeSixtyGiving];

    public static string Names => string.Join(", ", All.Select(f => f.Name));

    /// <summary>The format named (case ignored), or null for a name that is none of them.</summary>
    public static GrantExportFormat? Find(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
