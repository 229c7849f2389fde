namespace HealthAccord.Bench.Generation;

/// <param name="Term">As written in text.</param>
/// <param name="FirstYear">No grant awarded before this year names it (SARS-CoV-2 was identified in 2020, for instance).</param>
/// <param name="Respiratory">Classified as respiratory rather than infection now and then.</param>
internal sealed record PathogenTerm(string Term, long Weight, int FirstYear, bool Respiratory);

/// <summary>
/// Pathogen and infection terms mixed into a share of grants, so searches and facets over a large synthetic portfolio
/// find them at low, plausible rates. The real-text word table leaves these words out (WordFrequencyTableBuilder).
/// </summary>
internal static class PathogenTerms
{
    public const double ShareOfGrants = 0.15;

    private static readonly PathogenTerm[] Terms =
    [
        new("COVID-19", 300, 2020, true), new("SARS-CoV-2", 100, 2020, true), new("HIV", 160, 2000, false),
        new("tuberculosis", 140, 2000, true), new("malaria", 140, 2000, false), new("antimicrobial resistance", 120, 2000, false),
        new("influenza", 120, 2000, true), new("Ebola", 60, 2000, false), new("Zika", 50, 2016, false),
        new("MERS", 30, 2012, true), new("Lassa", 30, 2000, false), new("mpox", 40, 2022, false),
        new("Marburg", 20, 2000, false), new("Nipah", 20, 2000, false),
    ];

    private static readonly AliasTable Sampler = new(Terms.Select(t => t.Weight).ToArray());

    /// <summary>A term known by the award year; terms from later years are drawn again, so the others keep their proportions.</summary>
    public static PathogenTerm Sample(ref Xoshiro256StarStar random, int awardYear)
    {
        while (true)
        {
            var term = Terms[Sampler.Sample(ref random)];
            if (term.FirstYear <= awardYear) return term;
        }
    }
}
