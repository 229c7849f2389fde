using System.CommandLine;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// The verbs that rebuild the generator's committed tables from shared/data. They are run rarely, by hand, when the
/// source data change; generation itself reads only the committed copies.
/// </summary>
internal static class ReferenceTableCommands
{
    public static Command WordFrequenciesVerb()
    {
        var data = DataFolderOption();
        var output = new Option<string>("--output")
        {
            Description = "Where to write the table.",
            DefaultValueFactory = _ => "bench/HealthAccord.Bench/Generation/word-frequencies.tsv",
        };
        var command = new Command("word-frequencies", "Rebuild the generator's word table from the real grant texts in shared/data.") { data, output };
        command.SetAction(parse =>
        {
            var words = WordFrequencyTableBuilder.Build(parse.GetValue(data)!, parse.GetValue(output)!);
            Console.WriteLine($"Wrote {words:N0} words to {parse.GetValue(output)}");
        });
        return command;
    }

    public static Command ExchangeRatesVerb()
    {
        var data = DataFolderOption();
        var output = new Option<string>("--output")
        {
            Description = "Where to write the table.",
            DefaultValueFactory = _ => "bench/HealthAccord.Bench/Generation/ecb-annual-rates.tsv",
        };
        var command = new Command("exchange-rates", "Rebuild the generator's annual ECB rate table from shared/data.") { data, output };
        command.SetAction(parse =>
        {
            var rows = ExchangeRateTableBuilder.Build(parse.GetValue(data)!, parse.GetValue(output)!);
            Console.WriteLine($"Wrote {rows:N0} yearly rates to {parse.GetValue(output)}");
        });
        return command;
    }

    private static Option<string> DataFolderOption() => new("--data")
    {
        Description = "The shared/data folder (as a sibling of the repository by default).",
        DefaultValueFactory = _ => "../shared/data",
    };
}
