using System.Text;
using System.Text.RegularExpressions;

namespace HealthAccord.Web.Grants;

/// <summary>
/// One pass over a text that tells whether any rule of the catalogue could match it. Most grants name no pathogen,
/// and trying some sixty rules one by one on each of their fields was a quarter of a bulk import's time; this
/// check costs about a tenth of that, and only the texts it lets through are tagged rule by rule.
/// </summary>
/// <remarks>
/// The check is every rule's pattern in one alternation, compiled with <see cref="RegexOptions.NonBacktracking"/>,
/// which runs in time linear in the text however many alternatives there are. That engine has no lookarounds, so
/// they are removed first; without them a pattern matches more texts, never fewer, so the check never turns away a
/// text a rule would match. Exclusions and award-date limits only ever remove matches, so they are left to the
/// rules themselves.
/// </remarks>
internal sealed class PathogenPrefilter
{
    private readonly Regex _anyRule;

    private PathogenPrefilter(Regex anyRule) => _anyRule = anyRule;

    /// <summary>The check for these pathogens, or null when their patterns use what the linear engine cannot run.</summary>
    public static PathogenPrefilter? TryCreate(IEnumerable<Pathogen> catalogue)
    {
        var alternatives = catalogue.SelectMany(p => p.Rules)
            .Select(r => (r.CaseSensitive ? "(?-i:" : "(?:") + WithoutLookarounds(r.Pattern) + ")")
            .ToList();
        if (alternatives.Count == 0) return null;
        try
        {
            return new PathogenPrefilter(new Regex(string.Join('|', alternatives),
                RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
                TimeSpan.FromSeconds(1)));
        }
        catch (NotSupportedException)
        {
            // A construct such as a backreference: every text then goes to the rules, which is slower but the same.
            return null;
        }
    }

    /// <summary>False only when no rule can match <paramref name="normalisedText"/> (text already passed through the tagger's normalisation).</summary>
    public bool MayMatch(string normalisedText) => _anyRule.IsMatch(normalisedText);

    /// <summary>
    /// Removes every lookahead and lookbehind group — <c>(?=…)</c>, <c>(?!…)</c>, <c>(?&lt;=…)</c>,
    /// <c>(?&lt;!…)</c> — with what they contain, leaving escapes and character classes as they are.
    /// </summary>
    internal static string WithoutLookarounds(string pattern)
    {
        var result = new StringBuilder(pattern.Length);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }
            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                result.Append(c);
                continue;
            }
            if (c == '(' && IsLookaround(pattern, i))
            {
                i = EndOfGroup(pattern, i);
                continue;
            }
            result.Append(c);
        }
        return result.ToString();
    }

    private static bool IsLookaround(string pattern, int open)
    {
        var rest = pattern.AsSpan(open);
        return rest.StartsWith("(?=") || rest.StartsWith("(?!") || rest.StartsWith("(?<=") || rest.StartsWith("(?<!");
    }

    /// <summary>The index of the parenthesis that closes the group opened at <paramref name="open"/>.</summary>
    private static int EndOfGroup(string pattern, int open)
    {
        var depth = 0;
        var inClass = false;
        for (var i = open; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
                continue;
            }
            if (inClass)
            {
                inClass = c != ']';
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i;
            }
        }
        throw new ArgumentException($"The pattern has an unclosed group at {open}: {pattern}", nameof(pattern));
    }
}
