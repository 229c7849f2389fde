namespace HealthAccord.Web.Grants;

/// <summary>
/// Tags a grant with the pathogens its text mentions, using the rules in <see cref="PathogenCatalogue"/>. A tag means
/// the grant mentions the pathogen (see PATHOGEN-RULES.md for what that does and does not imply). Stateless once
/// built; one instance can be shared.
/// </summary>
public sealed class PathogenTagger(IReadOnlyList<Pathogen> catalogue)
{
    public PathogenTagger() : this(PathogenCatalogue.All)
    {
    }

    private readonly PathogenPrefilter? _prefilter = PathogenPrefilter.TryCreate(catalogue);

    public IReadOnlyList<Pathogen> Catalogue { get; } = catalogue;

    /// <summary>Whether texts are screened in one pass before the rules are tried one by one (see <see cref="PathogenPrefilter"/>).</summary>
    internal bool Prefilters => _prefilter is not null;

    /// <summary>
    /// Every (pathogen, rule, field) that matched, with the first text each matched, in catalogue, rule and field
    /// order. Empty when nothing matched.
    /// </summary>
    public IReadOnlyList<PathogenMatch> Tag(GrantText grant)
    {
        var fields = Fields(grant).Select(f => (f.Field, Original: f.Text, Text: Normalise(f.Text)))
            .Where(f => _prefilter?.MayMatch(f.Text) ?? true)
            .ToList();
        var matches = new List<PathogenMatch>();
        if (fields.Count == 0) return matches;
        foreach (var pathogen in Catalogue)
        {
            foreach (var rule in pathogen.Rules)
            {
                if (!rule.AppliesTo(grant.AwardDate)) continue;
                foreach (var field in fields.Select(f => f.Field).Distinct())
                {
                    // A field can hold several texts (one per classification); the first match among them stands for the field.
                    foreach (var text in fields.Where(f => f.Field == field))
                    {
                        if (rule.FirstMatch(text.Text) is not { } match) continue;
                        matches.Add(new PathogenMatch(pathogen.Code, rule.Id, field, text.Original.Substring(match.Index, match.Length)));
                        break;
                    }
                }
            }
        }
        return matches;
    }

    /// <summary>The distinct pathogen codes of <see cref="Tag"/>, in catalogue order.</summary>
    public IReadOnlyList<string> TagCodes(GrantText grant) => [.. Tag(grant).Select(m => m.PathogenCode).Distinct()];

    private static IEnumerable<(GrantTextField Field, string Text)> Fields(GrantText grant)
    {
        if (!string.IsNullOrWhiteSpace(grant.Title)) yield return (GrantTextField.Title, grant.Title);
        if (!string.IsNullOrWhiteSpace(grant.Description)) yield return (GrantTextField.Description, grant.Description);
        foreach (var title in grant.ClassificationTitles ?? [])
        {
            if (!string.IsNullOrWhiteSpace(title)) yield return (GrantTextField.Classification, title);
        }
        foreach (var title in grant.ProgrammeTitles ?? [])
        {
            if (!string.IsNullOrWhiteSpace(title)) yield return (GrantTextField.Programme, title);
        }
    }

    /// <summary>
    /// Maps typographic dashes and unusual spaces to their ASCII forms, one character for one, so patterns need only
    /// "-" and " " and matched text keeps its length.
    /// </summary>
    internal static string Normalise(string text) => string.Create(text.Length, text, static (target, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            target[i] = ch switch
            {
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' or '\uFF0D' => '-',
                '\u00A0' or '\u2007' or '\u2009' or '\u200A' or '\u202F' => ' ',
                _ => ch,
            };
        }
    });
}
