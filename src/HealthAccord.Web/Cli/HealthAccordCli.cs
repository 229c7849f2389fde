using System.CommandLine;
using HealthAccord.Data;
using HealthAccord.Web.Data;
using HealthAccord.Web.Grants;
using HealthAccord.Web.History;
using HealthAccord.Data.History;
using HealthAccord.Web.Transfer;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Cli;

/// <summary>
/// The command line of the one executable. Unrecognised options (such as --urls or
/// --ConnectionStrings:HealthAccord=...) pass through to ASP.NET Core configuration.
/// </summary>
public static class HealthAccordCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("HealthAccord: the open registry of international health research partnerships. Without a verb it serves the site and API.");
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => ServeAsync(parse.UnmatchedTokens.ToArray(), ct));

        var serve = new Command("serve", "Start the site and JSON API (the default). Creates, migrates and seeds the database on first start.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((parse, ct) => ServeAsync(parse.UnmatchedTokens.ToArray(), ct));

        var migrate = new Command("migrate", "Create or upgrade the database schema and load reference data (countries, currencies).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        migrate.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            var report = await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            Console.WriteLine(report.AppliedMigrations.Count == 0
                ? "The schema is up to date."
                : $"Applied {report.AppliedMigrations.Count} migration(s): {string.Join(", ", report.AppliedMigrations)}");
            Console.WriteLine($"Reference rows added: {report.ReferenceRowsAdded}.");
            return 0;
        });

        var seed = new Command("seed", "Migrate, then add the ten partnerships with their members, agreements and goals (once per database).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        seed.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            var report = await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: true, ct);
            var r = report.Registry!;
            Console.WriteLine(r.Applied
                ? $"Seeded {r.Partnerships} partnerships, {r.Organisations} organisations, {r.Memberships} memberships, {r.Agreements} agreements, {r.Goals} goals with {r.Measurements} measurements."
                : "The registry seed was applied before; nothing changed.");
            return 0;
        });

        var exportOutput = new Option<FileInfo?>("--output", "-o") { Description = "File to write; standard output when omitted." };
        var export = new Command("export", "Write the whole registry (partnerships, organisations, memberships, agreements, goals) as JSON.")
        {
            exportOutput,
        };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var document = await RegistryExport.CreateAsync(db, ct);
            var file = parse.GetValue(exportOutput);
            if (file is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await RegistryExport.WriteAsync(document, stdout, ct);
            }
            else
            {
                await using var stream = file.Create();
                await RegistryExport.WriteAsync(document, stream, ct);
                await Console.Error.WriteLineAsync($"Wrote {document.Partnerships.Count} partnerships, {document.Organisations.Count} organisations, {document.Memberships.Count} memberships, {document.Agreements.Count} agreements and {document.Goals.Count} goals to {file.FullName}.");
            }
            return 0;
        });

        var importFile = new Argument<string>("file") { Description = "The file to load (for CORDIS, the folder holding project.csv and organization.csv)." };
        var importFormat = new Option<string>("--format", "-f")
        {
            Description = "registry (a registry export; the default) or a grant format: " + string.Join(", ", GrantImportCommand.Formats) + ".",
            DefaultValueFactory = _ => "registry",
        };
        importFormat.AcceptOnlyFromAmong(["registry", .. GrantImportCommand.Formats]);
        var dateFormat = new Option<string?>("--date-format") { Description = "Accept dates in this form too, e.g. dd/MM/yyyy (grant files that break the ISO date rule)." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows of a grant file and report the rest (by default any invalid row stops the whole file)." };
        var mappingFile = new Option<FileInfo?>("--mapping") { Description = "With --format csv: the JSON mapping that names the columns (see Grants/Import/MAPPING.md)." };
        var reportFile = new Option<FileInfo?>("--report") { Description = "Write every problem found (row, field, value, reason) to this CSV file." };
        var import = new Command("import", "Load a registry export into a database whose registry is empty, or a grant file into the portfolio. Migrates first; all or nothing.")
        {
            importFile, importFormat, dateFormat, skipInvalid, mappingFile, reportFile,
        };
        import.TreatUnmatchedTokensAsErrors = false;
        import.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            var path = parse.GetValue(importFile)!;
            var format = parse.GetValue(importFormat)!;
            if (format != "registry")
            {
                FileSystemInfo input = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
                return await GrantImportCommand.RunAsync(host.Services, input, format, parse.GetValue(dateFormat), parse.GetValue(skipInvalid),
                    parse.GetValue(mappingFile), parse.GetValue(reportFile), ct);
            }
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {file.FullName} does not exist.");
                return 2;
            }
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            await using var stream = file.OpenRead();
            // The whole import is one change in the history: each record it creates, under one summary naming the file.
            await using var recording = await scope.ServiceProvider.GetRequiredService<ChangeRecorder>()
                .BeginAsync(ChangeActor.CommandLine(), ChangeSource.Import, ct);
            var outcome = await RegistryImport.ImportAsync(db, stream, ct);
            if (!outcome.Succeeded)
            {
                foreach (var error in outcome.Errors) await Console.Error.WriteLineAsync($"error: {error}");
                await Console.Error.WriteLineAsync("Nothing was imported.");
                return 1;
            }
            recording.Summary = $"Imported the registry from {file.Name}: {outcome.Summary}";
            await recording.CompleteAsync(ct);
            Console.WriteLine(outcome.Summary);
            return 0;
        });

        root.Subcommands.Add(serve);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(seed);
        root.Subcommands.Add(export);
        root.Subcommands.Add(import);
        root.Subcommands.Add(GrantReindexCommand.Create());
        root.Subcommands.Add(Grants.Links.GrantRelinkCommand.Create());
        root.Subcommands.Add(Users.UsersCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }

    internal static bool IsOpenApiGeneration =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    private static async Task<int> ServeAsync(string[] args, CancellationToken ct)
    {
        var app = HealthAccordApp.Build(args);
        // The build-time OpenAPI generator runs this entry point only to read the endpoints: no database then.
        if (!IsOpenApiGeneration) await DatabaseSetup.PrepareAsync(app.Services, seedRegistry: true, ct);
        if (!IsOpenApiGeneration)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                foreach (var url in app.Urls) Console.WriteLine($"HealthAccord is running at {url}");
            });
        }
        await app.RunAsync();
        return 0;
    }
}
