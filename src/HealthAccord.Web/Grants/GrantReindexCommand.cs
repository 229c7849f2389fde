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
            var writers = Writers(host.Services.GetRequiredService<IConfiguration>());
            if (writers < 1)
            {
                await Console.Error.WriteLineAsync($"Search:RebuildWriters is {writers}; it must be at least 1.");
                return 2;
            }
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
                    var rebuilt = await index.RebuildAsync(progress, ct, writers);
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

    /// <summary>
    /// Writer threads for the verb: <c>Search:RebuildWriters</c>, or one per core up to four, since nothing else runs in
    /// this process. An operator sharing the machine with a busy site can set 1.
    /// </summary>
    public static int Writers(IConfiguration configuration) =>
        configuration.GetValue<int?>("Search:RebuildWriters") ?? Math.Clamp(Environment.ProcessorCount, 1, 4);
}
