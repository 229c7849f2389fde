namespace HealthAccord.Tests.Infrastructure;

/// <summary>Folders the tests read from: the repository root and the shared data beside it.</summary>
public static class TestPaths
{
    /// <summary>The folder holding HealthAccord.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The project's shared data sets (<c>&lt;repo&gt;/../shared/data</c>); absent on some machines.</summary>
    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>Where browser tests leave screenshots of failures: $TEST_ARTIFACTS_DIR, else TestResults/artifacts beside the binaries.</summary>
    public static string Artifacts
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("TEST_ARTIFACTS_DIR");
            var folder = string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(AppContext.BaseDirectory, "TestResults", "artifacts")
                : configured;
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HealthAccord.slnx"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No HealthAccord.slnx above {AppContext.BaseDirectory}.");
    }
}
