using System.Runtime.CompilerServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// The one way in for callers that do not care which reader a format needs: a path or a stream, a format, options.
/// Every problem, including a missing file or an unusable mapping, comes back as a result, never as an exception.
/// </summary>
public static class GrantFileReader
{
    public static IAsyncEnumerable<ReadResult> Open(string path, GrantFileFormat format, GrantReadOptions? options = null, CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        // A CORDIS export is a folder of two files; its reader opens them itself.
        if (format == GrantFileFormat.Cordis) return CordisReader.ReadAsync(path, options, ct);
        return ReadFileAsync(path, format, options with { DatasetName = options.DatasetName ?? Path.GetFileName(path) }, ct);
    }

    public static async IAsyncEnumerable<ReadResult> Open(Stream stream, GrantFileFormat format, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        if (format == GrantFileFormat.Cordis)
        {
            yield return ReadResult.FileError(0,
                $"A CORDIS export is two files ({CordisReader.ProjectFileName} and {CordisParticipants.FileName}): open its folder by path, or call CordisReader with both streams.");
            yield break;
        }
        var results = format switch
        {
            GrantFileFormat.ThreeSixtyGivingJson => ThreeSixtyGivingJsonReader.ReadAsync(stream, options, ct),
            GrantFileFormat.ThreeSixtyGivingCsv => ThreeSixtyGivingCsvReader.ReadAsync(stream, options, ct),
            GrantFileFormat.MappedCsv => ReadMappedAsync(stream, options, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown grant file format."),
        };
        await foreach (var result in results) yield return result;
    }

    private static async IAsyncEnumerable<ReadResult> ReadFileAsync(string path, GrantFileFormat format, GrantReadOptions options,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            yield return ReadResult.FileError(0, $"There is no file {path}.");
            yield break;
        }
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var result in Open(stream, format, options, ct)) yield return result;
    }

    private static async IAsyncEnumerable<ReadResult> ReadMappedAsync(Stream stream, GrantReadOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        var mapping = options.Mapping;
        if (mapping is null)
        {
            if (options.MappingPath is null || !File.Exists(options.MappingPath))
            {
                yield return ReadResult.FileError(0, options.MappingPath is null
                    ? "A mapped CSV needs a mapping: give GrantReadOptions.Mapping or MappingPath (see MAPPING.md)."
                    : $"There is no mapping file {options.MappingPath}.");
                yield break;
            }
            await using var file = File.OpenRead(options.MappingPath);
            var (loaded, problems) = await CsvMapping.LoadAsync(file, ct);
            if (loaded is null)
            {
                yield return new ReadResult(0, null, [.. problems.Select(p => RowError.File(0, $"{Path.GetFileName(options.MappingPath)}: {p}"))]);
                yield break;
            }
            mapping = loaded;
        }
        await foreach (var result in MappedCsvReader.ReadAsync(stream, mapping, options, ct)) yield return result;
    }
}
