using System.Diagnostics;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// Bad grant files through the real command line (`dotnet HealthAccord.Web.dll import FILE --format ...`), against a
/// database that already holds grants and a search index. Each is refused with a non-zero exit code and a report
/// naming row, field and reason, and leaves the database and the index exactly as they were.
/// </summary>
public sealed class BadGrantFileCliTests(SeededGrantFolder seeded) : IClassFixture<SeededGrantFolder>
{
    /// <summary>Lines the report must hold: the row, the field as the file names it, and the reason.</summary>
    public static TheoryData<BadFileKind, string[]> Reports => new()
    {
        { BadFileKind.TruncatedJson, ["row 3: (file): The file ends inside grant 3"] },
        { BadFileKind.WrongDelimiter, ["row 0: (file): The header lacks required 360Giving columns: Identifier", "is the file separated by ';' rather than ','?"] },
        { BadFileKind.MissingRequiredFields, ["row 3: title: is required", "row 3: currency: is required"] },
        { BadFileKind.UnknownCurrency, ["row 3: currency: is not an ISO 4217 currency code in current use (value: XYZ)"] },
        { BadFileKind.NegativeAmount, ["row 3: amountAwarded: is negative; an amount awarded must be zero or more (value: -5000)"] },
        { BadFileKind.DuplicateIdentifiers, ["row 3: id: repeats the identifier of row 2"] },
        { BadFileKind.InvalidUtf8, ["row 3: title: contains bytes that are not UTF-8"] },
        // Stopped at the per-grant cap, before the hole of zeros that follows the first 17 MiB.
        { BadFileKind.TwoGigabyteJsonLine, ["row 3: (file): Grant 3 is larger than the limit"] },
        { BadFileKind.TwoGigabyteCsvLine, ["row 3: (file): Record 3 is larger than the limit"] },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task A_bad_file_is_refused_with_a_report_and_changes_nothing(BadFileKind kind, string[] reportLines)
    {
        using var store = seeded.Copy();
        var before = store.Snapshot();
        var (file, format) = BadGrantFiles.Write(kind, store.Folder);

        var watch = Stopwatch.StartNew();
        var result = await store.ImportAsync(file, format);
        var elapsed = watch.Elapsed;

        Assert.True(result.ExitCode == 1, $"exit code {result.ExitCode}; stdout: {result.Output}; stderr: {result.Errors}");
        foreach (var line in reportLines) Assert.Contains(line, result.Errors, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Errors, StringComparison.Ordinal);
        var after = store.Snapshot();
        Assert.Equal("ok", after.IntegrityCheck);
        Assert.Equal(SeededGrantFolder.SeededIds.Length, after.RowsOf("Grants"));
        Assert.Equal(before.Tables, after.Tables);
        Assert.Equal(before.IndexFiles, after.IndexFiles);
        // The reader gives up at its per-grant cap, so even the 2 GiB line is refused in seconds.
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
    }
}
