using HealthAccord.Data;
using HealthAccord.Web.Grants.Import;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations.Review;

public sealed record ReviewCandidate(int Id, string Name, string? Acronym, string? CountryCode, string? RorId, bool NeedsReview);

/// <summary>A registry organisation that may be the same as a flagged one, with why it was suggested.</summary>
public sealed record DuplicateSuggestion(ReviewCandidate Organisation, double Score, IReadOnlyList<string> Reasons);

public sealed record FlaggedOrganisation(ReviewCandidate Organisation, IReadOnlyList<DuplicateSuggestion> Suggestions);

/// <summary>
/// Likely duplicates of the organisations imports created and flagged: the same ROR id; the same name once case,
/// punctuation and a leading "the" are ignored (as the import's matcher compares them); or a name sharing most of its
/// words, counted higher in the same country and lower in another. Words found in very many names ("university",
/// "of") do not make two names alike on their own.
/// </summary>
public static class DuplicateSuggestions
{
    private const int MaxSuggestions = 3;
    private const double MinimumSimilarity = 0.5;
    private const int CommonWordPostings = 200;

    public static async Task<(List<FlaggedOrganisation> Items, int Total)> ListAsync(HealthAccordDbContext db, int limit, CancellationToken ct)
    {
        var all = await db.Organisations.AsNoTracking()
            .Select(o => new ReviewCandidate(o.Id, o.Name, o.Acronym, o.CountryCode, o.RorId, o.NeedsReview))
            .ToListAsync(ct);
        var flagged = all.Where(o => o.NeedsReview).OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ThenBy(o => o.Id).ToList();
        var words = all.ToDictionary(o => o.Id, o => Words(o.Name));
        var postings = new Dictionary<string, List<ReviewCandidate>>(StringComparer.Ordinal);
        foreach (var o in all)
        {
            foreach (var word in words[o.Id])
            {
                if (!postings.TryGetValue(word, out var list)) postings[word] = list = [];
                list.Add(o);
            }
        }
        var byRor = all.Where(o => o.RorId is not null).ToLookup(o => o.RorId!, StringComparer.OrdinalIgnoreCase);

        var items = flagged.Take(limit).Select(o =>
        {
            var candidates = words[o.Id].Where(w => postings[w].Count <= CommonWordPostings).SelectMany(w => postings[w])
                .Concat(o.RorId is null ? [] : byRor[o.RorId])
                .Where(c => c.Id != o.Id)
                .DistinctBy(c => c.Id);
            var suggestions = candidates.Select(c => Compare(o, words[o.Id], c, words[c.Id])).OfType<DuplicateSuggestion>()
                .OrderByDescending(s => s.Score).ThenBy(s => s.Organisation.NeedsReview).ThenBy(s => s.Organisation.Id)
                .Take(MaxSuggestions).ToList();
            return new FlaggedOrganisation(o, suggestions);
        }).ToList();
        return (items, flagged.Count);
    }

    private static DuplicateSuggestion? Compare(ReviewCandidate flagged, HashSet<string> flaggedWords, ReviewCandidate other, HashSet<string> otherWords)
    {
        var reasons = new List<string>();
        double score;
        if (flagged.RorId is not null && string.Equals(flagged.RorId, other.RorId, StringComparison.OrdinalIgnoreCase))
        {
            reasons.Add($"the same ROR id ({flagged.RorId})");
            score = 1.5;
        }
        else if (flaggedWords.SetEquals(otherWords))
        {
            reasons.Add("the same name once case and punctuation are ignored");
            score = 1.0;
        }
        else
        {
            var shared = flaggedWords.Intersect(otherWords).Count();
            var similarity = shared / (double)flaggedWords.Union(otherWords).Count();
            if (similarity < MinimumSimilarity) return null;
            reasons.Add($"a similar name ({shared} of {flaggedWords.Union(otherWords).Count()} words shared)");
            score = similarity;
        }
        if (flagged.CountryCode is not null && other.CountryCode is not null)
        {
            if (flagged.CountryCode == other.CountryCode)
            {
                reasons.Add($"the same country ({flagged.CountryCode})");
                score += 0.1;
            }
            else
            {
                reasons.Add($"but another country ({other.CountryCode})");
                score -= 0.2;
            }
        }
        return new DuplicateSuggestion(other, score, reasons);
    }

    private static HashSet<string> Words(string name) =>
        OrganisationMatcher.Normalise(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
