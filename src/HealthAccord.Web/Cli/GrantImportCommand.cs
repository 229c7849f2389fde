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
    public static readonly string[] Formats = ["360giving-json"];

    public static async Task<int> RunAsync(IServiceProvider services, FileInfo file, string format, string? dateFormat, bool skipInvalid,
        FileInfo? reportFile, CancellationToken ct)
    {
        var sha256 = await HashAsync(file, ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>());
        var readOptions = new GrantReadOptions { DateFormat = dateFormat, DatasetName = file.Name };

        GrantImportOutcome? outcome = null;
        await using var stream = file.OpenRead();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, file.Length));
                var progress = new Progress<int>(_ => task.Value = stream.Position);
                var rows = format switch
                {
                    "360giving-json" => ThreeSixtyGivingJsonReader.ReadAsync(stream, readOptions, ct),
                    _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unsupported format"),
                };
                outcome = await importer.ImportAsync(rows, new GrantImportOptions(file.Name, format, sha256, skipInvalid), progress, ct);
                task.Value = task.MaxValue;
            });

        var result = outcome!;
        foreach (var issue in result.Issues.Take(20))
            await Console.Error.WriteLineAsync($"row {issue.Row}: {issue.Field}: {issue.Reason}{(issue.Value is null ? "" : $" (value: {issue.Value})")}");
        var total = result.Issues.Count + result.IssuesNotListed;
        if (total > 20) await Console.Error.WriteLineAsync($"… and {total - 20} more problem(s){(reportFile is null ? "; write them all with --report FILE" : "")}.");
        if (reportFile is not null) await WriteReportAsync(reportFile, result, ct);

        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync($"Refused: {result.RowsRead} row(s) read, {result.RowsInvalid} invalid. Nothing was imported.");
            return 1;
        }
        Console.WriteLine($"Imported {file.Name}: {result.GrantsImported} new and {result.GrantsUpdated} updated grant(s) from {result.RowsRead} row(s)" +
            $"{(result.RowsInvalid > 0 ? $", {result.RowsInvalid} invalid row(s) skipped" : "")}; {result.OrganisationsCreated} new organisation(s) to review.");
        return 0;
    }

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
