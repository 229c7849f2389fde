using System.CommandLine;
using System.Globalization;
using HealthAccord.Web.Cli;
using HealthAccord.Web.Data;
using Spectre.Console;

namespace HealthAccord.Web.Grants.Links;

/// <summary>The <c>relink</c> verb: re-applies the partnership rules to every grant, with a progress bar.</summary>
public static class GrantRelinkCommand
{
    public static Command Create()
    {
        var command = new Command("relink",
            "Re-apply the grant-to-partnership rules (Grants/Links/LINK-RULES.md) to every grant, for example after " +
            "memberships changed; grants whose links change are re-indexed.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            using var scope = host.Services.CreateScope();
            using var index = ActivatorUtilities.CreateInstance<GrantIndex>(host.Services);
            var relinker = ActivatorUtilities.CreateInstance<GrantPartnershipRelinker>(scope.ServiceProvider, index);
            var result = await AnsiConsole.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("Linking grants to partnerships", maxValue: 1);
                    var progress = new SynchronousProgress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    var done = await relinker.RunAsync(progress, ct);
                    task.Value = task.MaxValue;
                    return done;
                });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Checked {result.Grants:N0} grants: {result.Changed:N0} changed, {result.Links:N0} partnership links in all."));
            return 0;
        });
        return command;
    }
}
