using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// Measures the pathogen rules against hand labels of real 360Giving grants (pathogen-labels.csv; how the sample was
/// drawn and labelled is in src/HealthAccord.Web/Grants/PATHOGEN-RULES.md). The grants themselves are read from the
/// shared data beside the repository, so these tests skip where it is absent.
/// </summary>
public sealed partial class PathogenLabelSampleTests
{
    private const string TrackerFile = "360giving-covid19-tracker/grants_data.json";
    private const string WolfsonFile = "360giving-grantnav-samples/wolfson.json";

    [Fact]
    public void The_rules_reach_90_percent_precision_and_recall_on_the_labelled_sample()
    {
        var labels = ReadLabels();
        var grants = LoadSourceGrants();
        var tagger = new PathogenTagger();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var report = new StringBuilder();

        foreach (var label in labels)
        {
            var grant = grants[(label.SourceFile, label.GrantId)];
            var matches = tagger.Tag(ToGrantText(grant));
            var found = matches.Select(m => m.PathogenCode).ToHashSet(StringComparer.Ordinal);

            truePositives += found.Count(label.Expected.Contains);
            foreach (var code in found.Where(c => !label.Expected.Contains(c)))
            {
                falsePositives++;
                var why = string.Join(", ", matches.Where(m => m.PathogenCode == code).Select(m => $"{m.RuleId} on '{m.MatchedText}' in {m.Field}"));
                report.AppendLine(CultureInfo.InvariantCulture, $"FP {label.GrantId} {code}: {why}");
            }
            foreach (var code in label.Expected.Where(c => !found.Contains(c)))
            {
                falseNegatives++;
                report.AppendLine(CultureInfo.InvariantCulture, $"FN {label.GrantId} {code}: {label.Reasoning}");
            }
        }

        var precision = (double)truePositives / (truePositives + falsePositives);
        var recall = (double)truePositives / (truePositives + falseNegatives);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{labels.Count} grants, {labels.Sum(l => l.Expected.Count)} labelled (grant, pathogen) pairs: TP {truePositives}, FP {falsePositives}, FN {falseNegatives}; precision {precision:F3}, recall {recall:F3}"));
        output?.WriteLine(report.ToString());

        Assert.True(precision >= 0.9, $"Precision {precision:F3} is below 0.9.\n{report}");
        Assert.True(recall >= 0.9, $"Recall {recall:F3} is below 0.9.\n{report}");
    }

    [Fact]
    public void Every_label_names_a_grant_of_its_source_file_with_the_same_title_and_known_pathogen_codes()
    {
        var labels = ReadLabels();
        var grants = LoadSourceGrants();
        var codes = PathogenCatalogue.All.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(labels.Count, labels.Select(l => (l.SourceFile, l.GrantId)).Distinct().Count());
        Assert.All(labels, label =>
        {
            Assert.True(grants.TryGetValue((label.SourceFile, label.GrantId), out var grant), $"{label.GrantId} is not in {label.SourceFile}.");
            Assert.Equal(label.Title, Text(grant, "title").Trim());
            Assert.All(label.Expected, code => Assert.Contains(code, codes));
            Assert.False(string.IsNullOrWhiteSpace(label.Reasoning), $"{label.GrantId} has no reasoning.");
        });
    }

    [Fact]
    public void The_labelled_grants_are_exactly_the_sample_the_selection_rule_draws()
    {
        var tracker = LoadGrantArray(TrackerFile);
        var wolfson = LoadGrantArray(WolfsonFile);

        // Rule A and B: every 15th tracker grant in file order, plus those naming a pathogen other than COVID-19.
        var expected = tracker
            .Where((grant, index) => index % 15 == 0 || OtherPathogenWord().IsMatch(TitleAndDescription(grant)))
            .Select(grant => (TrackerFile, Text(grant, "id")))
            .ToList();
        // Rule C: every Wolfson grant with a disease-like word; rule D: 30 more, in SHA-256 order of their ids.
        var (withDiseaseWord, others) = (wolfson.Where(g => DiseaseLikeWord().IsMatch(TitleAndDescription(g))).ToList(),
            wolfson.Where(g => !DiseaseLikeWord().IsMatch(TitleAndDescription(g))).ToList());
        expected.AddRange(withDiseaseWord.Select(g => (WolfsonFile, Text(g, "id"))));
        expected.AddRange(others.Select(g => Text(g, "id")).OrderBy(Sha256Hex, StringComparer.Ordinal).Take(30).Select(id => (WolfsonFile, id)));

        var labelled = ReadLabels().Select(l => (l.SourceFile, l.GrantId)).ToList();
        Assert.Equal(expected, labelled);
        Assert.True(labelled.Count >= 150, $"The sample has only {labelled.Count} grants.");
    }

    private sealed record Label(string SourceFile, string GrantId, string Title, IReadOnlySet<string> Expected, string Reasoning);

    private static List<Label> ReadLabels()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Grants", "pathogen-labels.csv"));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var labels = new List<Label>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var expected = csv.GetField("expected_pathogens")!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            labels.Add(new Label(csv.GetField("source_file")!, csv.GetField("grant_id")!, csv.GetField("title")!,
                expected.ToHashSet(StringComparer.Ordinal), csv.GetField("reasoning")!));
        }
        return labels;
    }

    private static Dictionary<(string File, string Id), JsonElement> LoadSourceGrants()
    {
        var grants = new Dictionary<(string, string), JsonElement>();
        foreach (var file in new[] { TrackerFile, WolfsonFile })
        {
            foreach (var grant in LoadGrantArray(file)) grants.Add((file, Text(grant, "id")), grant);
        }
        return grants;
    }

    private static List<JsonElement> LoadGrantArray(string relativePath)
    {
        var path = Path.Combine(TestPaths.SharedData, relativePath);
        if (!File.Exists(path)) Assert.Skip($"The shared data is not on this machine ({path}).");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("grants").EnumerateArray().Select(g => g.Clone())];
    }

    private static GrantText ToGrantText(JsonElement grant) => new(
        Text(grant, "title"),
        Text(grant, "description"),
        Titles(grant, "classifications"),
        Titles(grant, "grantProgramme"),
        AwardDate(Text(grant, "awardDate")));

    private static string Text(JsonElement grant, string property) =>
        grant.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string TitleAndDescription(JsonElement grant) => Text(grant, "title") + " " + Text(grant, "description");

    private static List<string> Titles(JsonElement grant, string property) =>
        grant.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? [.. items.EnumerateArray().Select(item => Text(item, "title"))]
            : [];

    // The tracker uses ISO dates (sometimes with a time); the Wolfson file uses dd/mm/yyyy, against the standard.
    private static DateOnly? AwardDate(string text) =>
        text.Length >= 10 && DateOnly.TryParseExact(text[..10], ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static string Sha256Hex(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    [GeneratedRegex(@"\b(hiv|aids|influenza|flu|tb|tuberculosis|malaria|epidemics?|infect\w*|viral|vaccin\w*|antibiotic\w*|sars|mers|ebola|zika)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OtherPathogenWord();

    [GeneratedRegex(@"\b(diseases?|disorders?|illness\w*|infect\w*|virus\w*|viral|vaccin\w*|pathogen\w*|epidemi\w*|pandemic\w*|bacteri\w*|microb\w*|antibiotic\w*|antimicrobial\w*|immun\w*|influenza|flu|malaria|tubercul\w*|hiv|aids|fever|outbreak\w*|cancer\w*|tumour\w*|dementia|alzheimer\w*|parkinson\w*|diabet\w*|stroke|cardiac|heart|blood|sick\w*|palliative)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DiseaseLikeWord();
}
