using System.Security.Cryptography;
using HealthAccord.Data;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Spectre.Console;

namespace HealthAccord.Web.Cli;

/// <summary>
/// `import FILE --format 360giving-json …`: reads a grant file, shows progress by bytes read, writes it in one
/// transaction and prints the report. Exit codes: 0 imported, 1 refused (nothing written), 2 unusable arguments.
/// </summary>
internal static class GrantImportCommand
{
    private static readonly Dictionary<string, GrantFileFormat> FormatNames = new()
    {
        ["360giving-json"] = GrantFileFormat.ThreeSixtyGivingJson,
        ["360giving-csv"] = GrantFileFormat.ThreeSixtyGivingCsv,
        ["cordis"] = GrantFileFormat.Cordis,
        ["csv"] = GrantFileFormat.MappedCsv,
    };

    public static IEnumerable<string> Formats => FormatNames.Keys;

    public static async Task<int> RunAsync(IServiceProvider services, FileSystemInfo input, string format, string? dateFormat, bool skipInvalid,
        FileInfo? mapping, FileInfo? reportFile, CancellationToken ct)
    {
        var fileFormat = FormatNames[format];
        if (fileFormat == GrantFileFormat.MappedCsv && mapping is null)
        {
            await Console.Error.WriteLineAsync("error: --format csv needs --mapping MAP.json (see src/HealthAccord.Web/Grants/Import/MAPPING.md).");
            return 2;
        }
        // A CORDIS export is a folder holding project.csv and organization.csv (or the path of its project.csv).
        var file = input as FileInfo ?? new FileInfo(Path.Combine(input.FullName, CordisReader.ProjectFileName));
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"error: {file.FullName} does not exist.");
            return 2;
        }
        var readOptions = new GrantReadOptions { DateFormat = dateFormat, DatasetName = file.Name, MappingPath = mapping?.FullName };
        var options = new GrantImportOptions(file.Name, format, token => HashAsync(file, token), skipInvalid) { Author = History.ChangeActor.CommandLine() };

        GrantImportOutcome? outcome = null;
        // The progress bar's one-time tables (its emoji map is a large array) are built before the cap: an attempt that
        // outgrows the cap must fail in the import, which is retried, not on the renderer's thread, which would end
        // the process.
        _ = Emoji.Replace(":check_mark:");
        // Before anything of the import is allocated; the reason is on ImportHeapLimit.
        using (var heapLimit = ImportHeapLimit.Apply(services.GetRequiredService<IConfiguration>().GetValue("Import:HeapCapScale", 1.0)))
        {
            try
            {
                outcome = await ImportOnceAsync(services, file, fileFormat, readOptions, options, ct);
            }
            // The cap is raised as live data grows, but a burst (a search-index flush) can outgrow it before then. An
            // import is all or nothing, so the failed attempt left nothing behind, and the cap must never be the
            // reason an import fails: the file is imported again without it.
            catch (Exception e) when (heapLimit is not null && IsOutOfMemory(e))
            {
                await Console.Error.WriteLineAsync("warning: the import outgrew the memory cap it sets itself and nothing of it was kept; importing the file again without the cap.");
            }
        }
        if (outcome is null)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            outcome = await ImportOnceAsync(services, file, fileFormat, readOptions, options, ct);
        }

        var result = outcome!;
        foreach (var issue in result.Issues.Take(20))
        {
            var kind = issue.Severity == IssueSeverity.Warning ? "warning" : "error";
            await Console.Error.WriteLineAsync($"{kind}: row {issue.Row}: {issue.Field}: {issue.Reason}{(issue.Value is null ? "" : $" (value: {issue.Value})")}");
        }
        var total = result.Issues.Count + result.IssuesNotListed;
        if (total > 20) await Console.Error.WriteLineAsync($"… and {total - 20} more problem(s){(reportFile is null ? "; write them all with --report FILE" : "")}.");
        if (reportFile is not null) await WriteReportAsync(reportFile, result, ct);

        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Refused: {result.RowsRead} row(s) read, {result.RowsInvalid} invalid. Nothing was imported.");
            return 1;
        }
        Console.WriteLine($"Imported {file.Name}: {result.GrantsImported} new, {result.GrantsUpdated} updated and {result.GrantsUnchanged} unchanged grant(s) from {result.RowsRead} row(s)" +
            $"{(result.RowsInvalid > 0 ? $", {result.RowsInvalid} invalid row(s) skipped" : "")}; {result.OrganisationsCreated} new organisation(s) to review.");
        if (result.GrantsIndexed is { } indexed) Console.WriteLine($"Search index updated: {indexed} grant(s).");
        if (result.IndexProblem is { } problem) await Console.Error.WriteLineAsync($"warning: {problem}");
        Console.WriteLine($"Time: {result.Timings}.");
        return 0;
    }

    /// <summary>One attempt at the whole file, with a database context and an index writer of its own.</summary>
    private static async Task<GrantImportOutcome> ImportOnceAsync(IServiceProvider services, FileInfo file, GrantFileFormat fileFormat,
        GrantReadOptions readOptions, GrantImportOptions options, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        // The index is written in the same pass and committed right after the database (see GrantImporter).
        using var index = ActivatorUtilities.CreateInstance<GrantIndex>(services);
        index.MapFiles = false;
        index.WarmSearchers = false;
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), index);

        GrantImportOutcome? outcome = null;
        await using var stream = file.OpenRead();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, file.Length));
                // CORDIS reads its two files itself; progress then follows the project file's share of the rows read.
                var rows = fileFormat == GrantFileFormat.Cordis
                    ? GrantFileReader.Open(file.FullName, fileFormat, readOptions, ct)
                    : GrantFileReader.Open(stream, fileFormat, readOptions, ct);
                var progress = new SynchronousProgress<int>(_ => { if (fileFormat != GrantFileFormat.Cordis) task.Value = stream.Position; });
                outcome = await importer.ImportAsync(rows, options, progress, ct);
                task.Value = task.MaxValue;
            });
        return outcome!;
    }

    private static bool IsOutOfMemory(Exception e) =>
        e is OutOfMemoryException || e.InnerException is { } inner && IsOutOfMemory(inner) ||
        e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutOfMemory);

    private static async Task<string> HashAsync(FileInfo file, CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private static async Task WriteReportAsync(FileInfo file, GrantImportOutcome outcome, CancellationToken ct)
    {
        await using var writer = new StreamWriter(file.FullName);
        await writer.WriteLineAsync("row,field,value,reason,severity");
        foreach (var issue in outcome.Issues)
            await writer.WriteLineAsync(string.Join(',', issue.Row.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Csv(issue.Field), Csv(issue.Value), Csv(issue.Reason), issue.Severity.ToString().ToLowerInvariant()));
        await writer.FlushAsync(ct);
    }

    private static string Csv(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
