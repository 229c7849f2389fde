using HealthAccord.Web.Grants.Import;

namespace HealthAccord.Web.Grants.Upload;

/// <summary>The formats the upload page offers, by the import verb's names, with what each needs besides the file.</summary>
public static class GrantUploadFormats
{
    public static IReadOnlyList<(string Name, string Label)> All { get; } =
    [
        ("360giving-json", "360Giving JSON package"),
        ("360giving-csv", "360Giving CSV (the standard's column titles)"),
        ("cordis", "CORDIS projects (project.csv with organization.csv)"),
        ("csv", "Any CSV, with a mapping file"),
    ];

    public static bool IsKnown(string? name) => All.Any(f => f.Name == name);

    public static GrantFileFormat FileFormat(string name) => name switch
    {
        "360giving-json" => GrantFileFormat.ThreeSixtyGivingJson,
        "360giving-csv" => GrantFileFormat.ThreeSixtyGivingCsv,
        "cordis" => GrantFileFormat.Cordis,
        "csv" => GrantFileFormat.MappedCsv,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a grant upload format."),
    };
}
