using System.Text.Json;

namespace HealthAccord.Bench.Generation;

internal sealed record HrcsHealthCategory(string Code, string Title);

/// <summary>
/// The 21 HRCS Health Categories, read from hrcs_category.en.json (a byte-for-byte copy of
/// shared/data/reference/hrcs/hrcs_category.en.json, from brinxmat/hrcs-skos @ 62c893f4; HRCS is by UKCRC/UKCDR and
/// freely usable).
/// </summary>
internal sealed class HrcsHealthCategories
{
    public const string Vocabulary = "HRCS Health Categories";
    public const string InfectionCode = "018";
    public const string RespiratoryCode = "008";

    // A plausible skew for health research portfolios (generic and cancer largest, ear and skin smallest); these are
    // illustrative weights, not figures from a published analysis.
    private static readonly Dictionary<string, long> WeightByTitle = new(StringComparer.Ordinal)
    {
        ["Generic Health Relevance"] = 250,
        ["Cancer"] = 170,
        ["Infection"] = 100,
        ["Neurological"] = 70,
        ["Mental Health"] = 60,
        ["Cardiovascular"] = 60,
        ["Inflammatory and Immune System"] = 50,
        ["Metabolic and Endocrine"] = 40,
        ["Reproductive Health and Childbirth"] = 40,
        ["Respiratory"] = 30,
        ["Oral and Gastrointestinal"] = 30,
        ["Musculoskeletal"] = 20,
        ["Renal and Urogenital"] = 20,
        ["Eye"] = 20,
        ["Blood"] = 20,
        ["Stroke"] = 20,
        ["Other"] = 20,
        ["Congenital Disorders"] = 10,
        ["Skin"] = 10,
        ["Ear"] = 10,
        ["Injuries and Accidents"] = 10,
    };

    private readonly HrcsHealthCategory[] _categories;
    private readonly AliasTable _sampler;

    private HrcsHealthCategories(HrcsHealthCategory[] categories)
    {
        _categories = categories;
        _sampler = new AliasTable(categories.Select(c => WeightByTitle[c.Title]).ToArray());
        Infection = categories.Single(c => c.Code == InfectionCode);
        Respiratory = categories.Single(c => c.Code == RespiratoryCode);
    }

    public HrcsHealthCategory Infection { get; }
    public HrcsHealthCategory Respiratory { get; }

    public HrcsHealthCategory Sample(ref Xoshiro256StarStar random) => _categories[_sampler.Sample(ref random)];

    public static HrcsHealthCategories Load()
    {
        using var reader = EmbeddedTables.Open("hrcs_category.en.json");
        using var document = JsonDocument.Parse(reader.ReadToEnd());
        var categories = document.RootElement.EnumerateArray()
            .Select(e => new HrcsHealthCategory(e.GetProperty("identifier").GetString()!, e.GetProperty("label").GetProperty("en").GetString()!))
            .ToArray();
        if (categories.Length != WeightByTitle.Count) throw new InvalidOperationException($"Expected {WeightByTitle.Count} HRCS health categories, found {categories.Length}.");
        return new HrcsHealthCategories(categories);
    }
}
