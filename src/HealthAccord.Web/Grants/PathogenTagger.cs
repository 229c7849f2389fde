using System.Buffers;

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
        // Plain loops rather than LINQ: this runs for every grant of an import, and the iterators, closures and sets
        // a LINQ version built for every rule were a large share of an import's garbage.
        List<(GrantTextField Field, string Original, string Text)>? fields = null;
        foreach (var (field, original) in Fields(grant))
        {
            var text = Normalise(original);
            if (_prefilter is not null && !_prefilter.MayMatch(text)) continue;
            (fields ??= []).Add((field, original, text));
        }
        var matches = new List<PathogenMatch>();
        if (fields is null) return matches;
        foreach (var pathogen in Catalogue)
        {
            foreach (var rule in pathogen.Rules)
            {
                if (!rule.AppliesTo(grant.AwardDate)) continue;
                // Fields() yields each field's texts together, so a field is a run of neighbours in the list. A field
                // can hold several texts (one per classification); the first match among them stands for the field.
                for (var i = 0; i < fields.Count; i++)
                {
                    var (field, original, text) = fields[i];
                    if (rule.FirstMatch(text) is not { } match) continue;
                    matches.Add(new PathogenMatch(pathogen.Code, rule.Id, field, original.Substring(match.Index, match.Length)));
                    while (i + 1 < fields.Count && fields[i + 1].Field == field) i++;
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
    internal static string Normalise(string text)
    {
        // Most texts have none of these characters, and keep their own string.
        if (text.AsSpan().IndexOfAny(Unusual) < 0) return text;
        return string.Create(text.Length, text, static (target, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var ch = source[i];
                target[i] = Dashes.Contains(ch) ? '-' : Spaces.Contains(ch) ? ' ' : ch;
            }
        });
    }

    private const string Dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D";
    private const string Spaces = "\u00A0\u2007\u2009\u200A\u202F";
    private static readonly SearchValues<char> Unusual = SearchValues.Create(Dashes + Spaces);
}
