using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// Counts the words of real 360Giving grant titles and descriptions once, for the committed word-frequencies.tsv.
/// Run again only when the corpus changes: `dotnet run --project bench/HealthAccord.Bench -- word-frequencies`.
/// </summary>
internal static partial class WordFrequencyTableBuilder
{
    public const int MinimumCount = 2;

    // Sources as listed in shared/data/SOURCES.md; the header of the table repeats them with their licences.
    private static readonly (string RelativePath, string Origin)[] Corpus =
    [
        ("360giving-covid19-tracker/grants_data.json",
            "ThreeSixtyGiving/covid19-tracker covidtracker/assets/data/grants_data.json @ 2f04ffffa0560ed9a157443a4be4c0c305411237 "
            + "(1,978 UK COVID-19 grants published by UK funders via the 360Giving Datastore, mostly CC BY 4.0 / OGL, per funder)"),
        ("360giving-grantnav-samples/wolfson.json",
            "ThreeSixtyGiving/grantnav sample_data/wolfson.json @ 0f47476f931d4697b7ca342d0da64d7784d30eaa "
            + "(379 grants published by the Wolfson Foundation to 360Giving, licence not restated, probably CC BY 4.0)"),
    ];

    // The COVID-19 tracker corpus names its pathogen in most grants; keeping those words would put COVID-19 in nearly
    // every synthetic grant. The generator adds pathogen terms itself, at a controlled rate (PathogenTerms).
    private static readonly HashSet<string> PathogenWords = new(StringComparer.Ordinal)
    {
        "sars", "mers", "ebola", "marburg", "lassa", "nipah", "zika", "influenza", "flu", "mpox", "monkeypox",
        "tuberculosis", "tb", "malaria", "hiv",
    };

    // A word is letters or digits, with inner apostrophes or hyphens kept ("covid-19", "people's").
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    public static bool NamesPathogen(string word) =>
        PathogenWords.Contains(word) || word.Contains("covid", StringComparison.Ordinal) || word.Contains("corona", StringComparison.Ordinal);

    public static int Build(string dataFolder, string outputPath)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var grantCount = 0;
        foreach (var (relativePath, _) in Corpus)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dataFolder, relativePath)));
            foreach (var grant in document.RootElement.GetProperty("grants").EnumerateArray())
            {
                grantCount++;
                foreach (var field in (string[])["title", "description"])
                {
                    if (!grant.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String) continue;
                    var text = value.GetString()!.ToLowerInvariant().Replace('\u2019', '\'');
                    foreach (Match match in WordPattern().Matches(text))
                    {
                        var word = match.Value;
                        if (!word.Any(char.IsLetter) || NamesPathogen(word)) continue;
                        counts[word] = counts.GetValueOrDefault(word) + 1;
                    }
                }
            }
        }

        var kept = counts.Where(pair => pair.Value >= MinimumCount)
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        var table = new StringBuilder();
        table.Append("# Word frequencies of real grant titles and descriptions, for HealthAccord's synthetic grant generator.\n");
        table.Append(CultureInfo.InvariantCulture, $"# {grantCount:N0} grants; words lower-cased; only words seen at least {MinimumCount} times; ");
        table.Append("words naming pathogens (covid, coronavirus, hiv, ...) left out on purpose.\n");
        table.Append("# Sources (copies in shared/data, see shared/data/SOURCES.md):\n");
        foreach (var (relativePath, origin) in Corpus) table.Append(CultureInfo.InvariantCulture, $"#   {relativePath}: {origin}\n");
        table.Append("# Built by: dotnet run --project bench/HealthAccord.Bench -- word-frequencies\n");
        table.Append("word\tcount\n");
        foreach (var (word, count) in kept) table.Append(CultureInfo.InvariantCulture, $"{word}\t{count}\n");
        File.WriteAllText(outputPath, table.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return kept.Count;
    }
}
