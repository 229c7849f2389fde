using System.CommandLine;
using System.Globalization;
using HealthAccord.Web.Cli;
using HealthAccord.Web.Data;
using Spectre.Console;

namespace HealthAccord.Web.Grants;

/// <summary>The <c>reindex</c> verb: rebuilds the grant search index from the database, with a progress bar.</summary>
public static class GrantReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex",
            "Rebuild the grant search index from the database (into Search:IndexPath, by default grants-index beside the SQLite file). " +
            "The old index keeps serving until the new one is complete; a running server switches to it by itself.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            using var index = ActivatorUtilities.CreateInstance<GrantIndex>(host.Services);
            var console = AnsiConsole.Console;
            var result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Indexing grants", maxValue: 1);
                    var progress = new SynchronousProgress<GrantIndexProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    // Nothing else runs in this process: a writer per core (up to four) while the next batch is read.
                    var rebuilt = await index.RebuildAsync(progress, ct, writers: Math.Clamp(Environment.ProcessorCount, 1, 4));
                    task.Value = task.MaxValue;
                    return rebuilt;
                });
            // Plain output for the summary: Spectre would wrap the folder's path at the console width.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {result.Indexed:N0} grants in {result.Elapsed.TotalSeconds:0.0} s into {result.Folder}."));
            return 0;
        });
        return command;
    }
}
