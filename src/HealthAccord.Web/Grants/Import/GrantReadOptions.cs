namespace HealthAccord.Web.Grants.Import;

public sealed record GrantReadOptions
{
    public const int DefaultMaxGrantBytes = 16 * 1024 * 1024;

    /// <summary>
    /// A .NET date format for dates that do not follow ISO 8601, e.g. "dd/MM/yyyy" for the Wolfson Foundation's
    /// file. ISO dates (and date-times) are still accepted beside it, since they cannot be mistaken for another format.
    /// </summary>
    public string? DateFormat { get; init; }

    /// <summary>
    /// The most bytes one grant (a JSON object, or a CSV record) may take. Reading stops with a file-level error at
    /// a larger one rather than buffer it, so a 2 GB line or a runaway string cannot exhaust memory.
    /// </summary>
    public int MaxGrantBytes { get; init; } = DefaultMaxGrantBytes;

    /// <summary>The name results carry in <see cref="GrantRecord.DatasetName"/>; defaults to the file name.</summary>
    public string? DatasetName { get; init; }

    /// <summary>The field separator of a 360Giving CSV; the standard's files use a comma.</summary>
    public string CsvDelimiter { get; init; } = ",";

    /// <summary>For <see cref="GrantFileFormat.MappedCsv"/>: the mapping file (see MAPPING.md), unless <see cref="Mapping"/> is given.</summary>
    public string? MappingPath { get; init; }

    /// <summary>For <see cref="GrantFileFormat.MappedCsv"/>: an already loaded mapping. Its dateFormat, when set, wins over <see cref="DateFormat"/>.</summary>
    public CsvMapping? Mapping { get; init; }
}
