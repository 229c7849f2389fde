using System.Text.RegularExpressions;

namespace HealthAccord.Web.Grants.Links;

/// <summary>
/// The research a partnership exists for, as a test over a grant's tags and text. A grant counts as the
/// partnership's when a member funds it and it falls within this theme (see LINK-RULES.md).
/// </summary>
/// <param name="Slug">The partnership's slug.</param>
/// <param name="Describe">Says in a few words what matched, or returns null when the grant is outside the theme.</param>
public sealed record PartnershipTheme(string Slug, Func<GrantLinkFacts, CountryFacts, string?> Describe);

/// <summary>Reference facts about countries the themes need: UN M49 sub-region and World Bank income group.</summary>
public sealed record CountryFacts(IReadOnlyDictionary<string, string?> SubRegion, IReadOnlyDictionary<string, string?> IncomeGroup)
{
    public bool IsLowOrMiddleIncome(string code) =>
        IncomeGroup.GetValueOrDefault(code) is "Low income" or "Lower middle income" or "Upper middle income";

    public bool IsSubSaharan(string code) => SubRegion.GetValueOrDefault(code) == "Sub-Saharan Africa";
}

public static partial class PartnershipThemes
{
    // Pathogens of epidemic or pandemic potential, GloPID-R's remit; the endemic burdens (HIV, TB, malaria) and AMR
    // are funded through other channels and would swamp the link.
    private static readonly HashSet<string> Epidemic =
        ["covid-19", "other-coronavirus", "ebola", "marburg", "lassa", "cchf", "nipah", "rift-valley-fever", "zika", "disease-x",
         "mpox", "influenza", "dengue", "chikungunya", "cholera"];

    // EDCTP's poverty-related diseases.
    private static readonly HashSet<string> PovertyRelated = ["hiv", "tuberculosis", "malaria"];

    // HRCS categories of the chronic non-communicable diseases GACD's calls have covered: mental health, metabolic
    // (diabetes), respiratory (lung disease), stroke, cancer, cardiovascular (hypertension).
    private static readonly HashSet<string> ChronicHrcs = ["001", "002", "008", "010", "011", "014"];

    public static IReadOnlyList<PartnershipTheme> All { get; } =
    [
        new("glopid-r", (g, _) => First(g.Pathogens.Where(Epidemic.Contains)) is { } p ? $"tagged with {GrantLabels.PathogenLabel(p)}" : null),
        new("edctp", (g, c) =>
            First(g.Pathogens.Where(PovertyRelated.Contains)) is { } p && First(g.Countries.Where(c.IsSubSaharan)) is { } country
                ? $"tagged with {GrantLabels.PathogenLabel(p)}, research in {country}"
                : NeglectedDisease().IsMatch(g.JoinedText) && First(g.Countries.Where(c.IsSubSaharan)) is { } where
                    ? $"neglected infectious disease, research in {where}"
                    : null),
        new("gacd", (g, c) =>
            First(g.Hrcs.Where(ChronicHrcs.Contains)) is { } h && First(g.Countries.Where(c.IsLowOrMiddleIncome)) is { } country
                ? $"HRCS category {h} (chronic disease), research in {country}"
                : null),
        new("icgc", (g, _) =>
            (g.Hrcs.Contains("011") || Cancer().IsMatch(g.JoinedText)) && Genomics().IsMatch(g.JoinedText) ? "cancer genomics" : null),
        new("icpermed", (g, _) => Matched(PersonalisedMedicine(), g)),
        new("intbir", (g, _) => Matched(BrainInjury(), g)),
        new("ihec", (g, _) => Matched(Epigenomics(), g)),
        new("ihmc", (g, _) => Matched(Microbiome(), g)),
        new("irdirc", (g, _) => Matched(RareDisease(), g)),
    ];

    private static string? First(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).FirstOrDefault();

    private static string? Matched(Regex pattern, GrantLinkFacts g) =>
        pattern.Match(g.JoinedText) is { Success: true } m ? $"mentions “{m.Value.ToLowerInvariant()}”" : null;

    [GeneratedRegex(@"\bneglected\s+(tropical|infectious)\s+diseases?\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeglectedDisease();

    [GeneratedRegex(@"\b(cancers?|tumou?rs?|oncolog\w*|carcinoma\w*|leuka?emia\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Cancer();

    [GeneratedRegex(@"\b(genom\w*|whole[\s-]+exome|exome|sequencing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Genomics();

    [GeneratedRegex(@"\b(personali[sz]ed|precision|stratified)\s+medicine\b|\bpharmacogenom\w*", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalisedMedicine();

    // "TBI" in capitals only: in lower case it is too often part of other tokens or codes.
    [GeneratedRegex(@"\b(?i:traumatic\s+brain\s+injur(y|ies)|concussions?)\b|\bTBI\b")]
    private static partial Regex BrainInjury();

    [GeneratedRegex(@"\b(epigenom\w*|epigenetic\w*|dna\s+methylation|histone\s+modifications?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Epigenomics();

    [GeneratedRegex(@"\b(microbiomes?|microbiota|metagenom\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Microbiome();

    [GeneratedRegex(@"\b(rare|orphan)\s+(diseases?|disorders?|conditions?)\b|\borphan\s+drugs?\b", RegexOptions.IgnoreCase)]
    private static partial Regex RareDisease();
}
