using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// The `generate` verb: any number of synthetic research grants, identical for the same seed and count, as a 360Giving
/// JSON package or as CORDIS project.csv and organization.csv.
/// </summary>
internal static class GenerateCommand
{
    public const string ThreeSixtyGivingFormat = "360giving-json";
    public const string CordisFormat = "cordis";

    public static Command Create()
    {
        var count = new Option<long>("--count") { Description = "How many grants to generate.", DefaultValueFactory = _ => 1_000 };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1) result.AddError("--count must be at least 1 (a 360Giving package needs one grant).");
        });
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed and count give byte-identical files.", DefaultValueFactory = _ => 42 };
        var format = new Option<string>("--format")
        {
            Description = $"{ThreeSixtyGivingFormat}: one 360Giving package file. {CordisFormat}: project.csv and organization.csv in a folder.",
            DefaultValueFactory = _ => ThreeSixtyGivingFormat,
        };
        format.AcceptOnlyFromAmong(ThreeSixtyGivingFormat, CordisFormat);
        var output = new Option<string>("--output") { Description = "The JSON file, or the folder for the CORDIS files.", Required = true };

        var command = new Command("generate", "Generate realistic synthetic research grants, deterministically, in constant memory.")
        {
            count, seed, format, output,
        };
        command.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(seed), parse.GetValue(format)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(long count, ulong seed, string format, string output)
    {
        var started = Stopwatch.GetTimestamp();
        var factory = new GrantFactory(seed);
        using IGrantWriter writer = format == CordisFormat
            ? new CordisCsvWriter(output, factory.Rates)
            : new ThreeSixtyGivingJsonWriter(output);

        // Progress goes to stderr so that stdout carries only the summary and the files only data.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"Generating {count:N0} grants", maxValue: count);
                using var pipeline = new GrantPipeline(factory, count);
                long written = 0;
                foreach (var batch in pipeline.Batches())
                {
                    for (var i = 0; i < batch.Count; i++) writer.Write(batch.Grants[i]);
                    written += batch.Count;
                    task.Value = written;
                }
                writer.Complete();
            });

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = writer.Files.Sum(path => new FileInfo(path).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generated {count:N0} grants ({format}, seed {seed}) in {seconds:F1} s, {count / seconds:N0} grants/s; {FormatSize(bytes)} in {string.Join(", ", writer.Files)}"));
        return 0;
    }

    private static string FormatSize(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F2} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
    };
}
