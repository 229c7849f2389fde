using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HealthAccord.Web.Data;

namespace HealthAccord.Web.Grants;

/// <summary>
/// The HRCS Health Categories from <c>Data/Seed/hrcs_category.en.json</c>, looked up by code or label. Immutable after
/// loading, so one instance can be shared.
/// </summary>
public sealed class HrcsCategories
{
    public const string DefaultFileName = "hrcs_category.en.json";

    // The HRCS publications call category 013 "Disputed Aetiology and Other"; the shipped file shortens it to "Other".
    private static readonly Dictionary<string, string> LabelAliases = new(StringComparer.Ordinal)
    {
        ["disputed aetiology and other"] = "013",
        ["disputed etiology and other"] = "013",
    };

    private static readonly char[] VocabularySeparators = [':', '|', '/', '>', '-'];

    private readonly Dictionary<string, HrcsCategory> byCode;
    private readonly Dictionary<string, HrcsCategory> byLabel;

    private HrcsCategories(IReadOnlyList<HrcsCategory> all)
    {
        All = all;
        byCode = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
        byLabel = all.ToDictionary(c => NormaliseLabel(c.Label), StringComparer.Ordinal);
        foreach (var (alias, code) in LabelAliases) byLabel.TryAdd(alias, byCode[code]);
    }

    /// <summary>The categories in code order.</summary>
    public IReadOnlyList<HrcsCategory> All { get; }

    /// <summary>Reads the file shipped in Data/Seed beside the application.</summary>
    public static HrcsCategories LoadDefault()
    {
        using var stream = File.OpenRead(SeedFiles.PathOf(DefaultFileName));
        return Load(stream);
    }

    /// <summary>Reads a JSON array of <c>{ "identifier": "000", "label": { "en": "Blood" } }</c>.</summary>
    public static HrcsCategories Load(Stream json)
    {
        var entries = JsonSerializer.Deserialize<List<CategoryEntry>>(json, JsonOptions)
            ?? throw new FormatException("The HRCS category file holds no array.");
        var categories = new List<HrcsCategory>(entries.Count);
        foreach (var entry in entries)
        {
            var code = entry.Identifier?.Trim() ?? "";
            var label = entry.Label?.GetValueOrDefault("en")?.Trim() ?? "";
            if (!IsCode(code)) throw new FormatException($"'{code}' is not a three-digit HRCS health category code.");
            if (label.Length == 0) throw new FormatException($"HRCS health category {code} has no English label.");
            categories.Add(new HrcsCategory(code, label));
        }
        if (categories.Count == 0) throw new FormatException("The HRCS category file is empty.");

        var duplicate = categories.GroupBy(c => c.Code).Concat(categories.GroupBy(c => NormaliseLabel(c.Label))).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FormatException($"The HRCS category file repeats '{duplicate.Key}'.");
        return new HrcsCategories([.. categories.OrderBy(c => c.Code, StringComparer.Ordinal)]);
    }

    /// <summary>Finds a category by its exact three-digit code ("018").</summary>
    public bool TryGetByCode(string? code, [NotNullWhen(true)] out HrcsCategory? category)
    {
        category = null;
        return code is not null && byCode.TryGetValue(code.Trim(), out category);
    }

    /// <summary>Finds a category by its label, ignoring letter case, extra spaces and "&amp;" for "and".</summary>
    public bool TryGetByLabel(string? label, [NotNullWhen(true)] out HrcsCategory? category)
    {
        category = null;
        return label is not null && byLabel.TryGetValue(NormaliseLabel(label), out category);
    }

    /// <summary>
    /// Reads the category from a 360Giving classification's code or title: a code ("018"), a label ("Infection"), or
    /// either after a prefix naming the HRCS vocabulary ("HRCS Health Category: Infection", "HRCS - 018").
    /// </summary>
    /// <remarks>
    /// Codes must have three digits. Other numberings of the same categories exist (the HRCS-SKOS source numbers Blood
    /// 1, not 0), so reading "18" as 018 would silently move grants into the neighbouring category. A prefix is only
    /// stripped when it names HRCS, so a funder's own vocabulary ("Cancer Research UK: Blood") is not mistaken for it.
    /// </remarks>
    public bool TryMatch(string? vocabularyOrTitleOrCode, [NotNullWhen(true)] out HrcsCategory? category)
    {
        category = null;
        if (string.IsNullOrWhiteSpace(vocabularyOrTitleOrCode)) return false;
        var text = vocabularyOrTitleOrCode.Trim();
        if (TryGetByCode(text, out category) || TryGetByLabel(text, out category)) return true;

        var separator = text.LastIndexOfAny(VocabularySeparators);
        if (separator <= 0) return false;
        var vocabulary = text[..separator];
        var value = text[(separator + 1)..].Trim();
        return NamesHrcs(vocabulary) && (TryGetByCode(value, out category) || TryGetByLabel(value, out category));
    }

    private static bool NamesHrcs(string vocabulary) =>
        vocabulary.Contains("HRCS", StringComparison.OrdinalIgnoreCase)
        || vocabulary.Contains("Health Research Classification", StringComparison.OrdinalIgnoreCase);

    private static bool IsCode(string text) => text.Length == 3 && text.All(char.IsAsciiDigit);

    private static string NormaliseLabel(string label)
    {
        var words = label.Replace("&", " and ", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).ToLowerInvariant();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record CategoryEntry(string? Identifier, Dictionary<string, string>? Label);
}
