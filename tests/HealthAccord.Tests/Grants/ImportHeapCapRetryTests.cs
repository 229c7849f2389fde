namespace HealthAccord.Tests.Grants;

/// <summary>
/// The import verb caps its own heap; an import that outgrows the cap must not fail for it. With starting caps a
/// quarter of the shipped ones (48 MB for large objects), a grant with a 12 MB description (read into buffers that
/// double, then a string of twice its bytes) runs the first attempt out of memory; it keeps nothing, and the file is
/// imported again without the cap.
/// </summary>
public sealed class ImportHeapCapRetryTests(SeededGrantFolder seeded) : IClassFixture<SeededGrantFolder>
{
    [Fact]
    public async Task An_import_that_outgrows_its_memory_cap_is_imported_again_without_it()
    {
        using var store = seeded.Copy();
        var before = store.Snapshot();
        var file = Path.Combine(store.Folder, "capped.json");
        var large = GrantFiles.ValidGrant("CAP-LARGE");
        large["description"] = string.Concat(Enumerable.Repeat("Long-term follow-up of malaria cases in the district. ", 12 << 20 >> 6));
        await File.WriteAllTextAsync(file, GrantFiles.Package([.. Enumerable.Range(1, 2_999).Select(i => GrantFiles.ValidGrant($"CAP-{i}")), large]),
            TestContext.Current.CancellationToken);

        var result = await store.ImportAsync(file, "360giving-json", "--Import:HeapCapScale=0.25");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stdout: {result.Output}; stderr: {result.Errors}");
        Assert.Contains("outgrew the memory cap", result.Errors, StringComparison.Ordinal);
        Assert.Contains("3000 new", result.Output, StringComparison.Ordinal);
        var after = store.Snapshot();
        Assert.Equal(before.Tables["Grants"].Rows + 3_000, after.Tables["Grants"].Rows);
        Assert.Equal("ok", after.IntegrityCheck);
    }
}
