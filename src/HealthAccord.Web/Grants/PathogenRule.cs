using System.Text.RegularExpressions;

namespace HealthAccord.Web.Grants;

/// <summary>
/// One pattern that tags a pathogen, with the exclusions that remove its known false positives. Patterns are .NET
/// regular expressions matched case-insensitively unless <see cref="CaseSensitive"/> (used for acronyms such as AMR or
/// TB, which in lower case are ordinary words or units).
/// </summary>
public sealed class PathogenRule
{
    // The patterns are ours, but the text comes from imported files; a pathological input must not hang an import.
    // The clock is the wall clock, so it also counts garbage-collection pauses and waiting for a core: with 1 s, a
    // million-grant import under the command line's capped heap, on a two-core machine at load average 20–30, was
    // stopped by an ordinary grant. A backtracking pattern gone wrong takes far longer than 10 s.
    // An import reports a text that still runs out of time as an invalid row (GrantImporter), never as a crash.
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A rule; <paramref name="matchTimeout"/> is how long one match may take (<see cref="MatchTimeout"/> unless a test needs it short).</summary>
    public PathogenRule(string id, string pattern, bool caseSensitive = false, TimeSpan? matchTimeout = null)
    {
        Id = id;
        Pattern = pattern;
        CaseSensitive = caseSensitive;
        Regex = Build(pattern, !caseSensitive, matchTimeout ?? MatchTimeout);
    }

    /// <summary>Stable id stored with each tag, e.g. <c>influenza.flu</c>; never reuse an id for a different meaning.</summary>
    public string Id { get; }

    public string Pattern { get; }

    public bool CaseSensitive { get; }

    /// <summary>A match is dropped when it lies inside a match of one of these (e.g. "hearing aids" for AIDS).</summary>
    public IReadOnlyList<Regex> ExcludedAround { get; init; } = [];

    /// <summary>All matches in a field are dropped when the field also matches one of these (e.g. "ventricular" for EVD).</summary>
    public IReadOnlyList<Regex> ExcludedInField { get; init; } = [];

    /// <summary>The rule applies only to grants awarded on or after this day; an unknown award date counts as recent.</summary>
    public DateOnly? AwardedFrom { get; init; }

    /// <summary>The rule applies only to grants known to be awarded before this day.</summary>
    public DateOnly? AwardedBefore { get; init; }

    internal Regex Regex { get; }

    /// <summary>Builds an exclusion pattern, case-insensitive unless told otherwise.</summary>
    public static Regex Exclusion(string pattern, bool ignoreCase = true) => Build(pattern, ignoreCase, MatchTimeout);

    internal bool AppliesTo(DateOnly? awardDate) =>
        (AwardedFrom is null || awardDate is null || awardDate >= AwardedFrom)
        && (AwardedBefore is null || (awardDate is not null && awardDate < AwardedBefore));

    /// <summary>The first match in <paramref name="text"/> that no exclusion removes, or null.</summary>
    internal Match? FirstMatch(string text)
    {
        // Loops rather than LINQ, so a rule tried on every grant of an import allocates nothing until it matches.
        foreach (var exclusion in ExcludedInField)
        {
            if (exclusion.IsMatch(text)) return null;
        }
        List<(int Start, int End)>? excluded = null;
        for (var match = Regex.Match(text); match.Success; match = match.NextMatch())
        {
            if (ExcludedAround.Count == 0) return match;
            excluded ??= ExcludedSpans(text);
            if (!Inside(excluded, match.Index, match.Index + match.Length)) return match;
        }
        return null;
    }

    private List<(int Start, int End)> ExcludedSpans(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var exclusion in ExcludedAround)
        {
            foreach (Match m in exclusion.Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        }
        return spans;
    }

    private static bool Inside(List<(int Start, int End)> spans, int start, int end)
    {
        foreach (var span in spans)
        {
            if (span.Start <= start && span.End >= end) return true;
        }
        return false;
    }

    private static Regex Build(string pattern, bool ignoreCase, TimeSpan matchTimeout)
    {
        var options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled;
        if (ignoreCase) options |= RegexOptions.IgnoreCase;
        return new Regex(pattern, options, matchTimeout);
    }
}
