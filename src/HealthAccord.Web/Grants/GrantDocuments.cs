using System.Globalization;
using HealthAccord.Data.Portfolio;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

/// <summary>What the index needs of one grant, read from the database in one projection.</summary>
public sealed record GrantIndexRow(
    long Id,
    string Identifier,
    string Title,
    string? Description,
    string Currency,
    decimal? AmountEur,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    List<GrantIndexParticipant> Participants,
    List<string> Pathogens,
    List<string> Categories,
    List<string> Partnerships);

public sealed record GrantIndexParticipant(ParticipantRole Role, string Name, string? CountryCode);

/// <summary>
/// The shape of a grant in the Lucene index: one document per grant, keyed by the database id. Nothing is stored,
/// because results are always read back from the database and ids come from the grantId doc values; facet fields are
/// indexed as exact terms (to filter) and as sorted-set doc values (to count). The index has no layout version: an
/// index written while the id was still a stored field reads the same, since nothing reads stored fields.
/// </summary>
public static class GrantDocuments
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public const string Id = "id";
    public const string SortId = "grantId";
    public const string Identifier = "identifier";
    public const string Title = "title";
    public const string Description = "description";
    public const string Organisations = "orgs";
    public const string AmountEur = "amountEur";
    public const string AwardDate = "awardDate";
    public const string PlannedStart = "plannedStart";
    public const string PlannedEnd = "plannedEnd";

    public static readonly string[] TextFields = [Title, Description, Organisations];

    /// <summary>
    /// English stemming for the grant's own words, so "vaccines" finds "vaccine"; organisation names are proper
    /// names and only lower-cased and split, so "Institutes" stays a different word from "Institute".
    /// </summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version),
        new Dictionary<string, Analyzer> { [Organisations] = new StandardAnalyzer(Version) });

    public static IQueryable<GrantIndexRow> Rows(IQueryable<Grant> grants) =>
        grants.AsNoTracking().Select(g => new GrantIndexRow(
            g.Id, g.Identifier, g.Title, g.Description, g.Currency, g.AmountEur, g.AwardDate, g.PlannedStart, g.PlannedEnd,
            g.Participants.OrderBy(p => p.Position)
                .Select(p => new GrantIndexParticipant(p.Role, p.Organisation.Name, p.Organisation.CountryCode)).ToList(),
            g.Pathogens.Select(p => p.Pathogen).ToList(),
            g.Categories.Select(c => c.HrcsCode).ToList(),
            g.Partnerships.Select(p => p.Slug).ToList()));

    /// <summary>
    /// A new document for the grant. To index many grants, keep one <see cref="GrantDocumentBuilder"/> instead: it
    /// builds the same documents several times faster.
    /// </summary>
    public static Document Create(GrantIndexRow grant) => new GrantDocumentBuilder().Build(grant);

    public static string IdText(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>2026-11-28 → 20261128: orders like the date and fits an int.</summary>
    public static int DateNumber(DateOnly date) => date.Year * 10_000 + date.Month * 100 + date.Day;

    /// <summary>Euros as whole cents, so amounts sort exactly.</summary>
    public static long Cents(decimal eur) => (long)Math.Round(eur * 100m, MidpointRounding.AwayFromZero);
}

/// <summary>Fixed bands of the amount in euros, so grants in any currency can be filtered by size.</summary>
public static class AmountBands
{
    public const string Unknown = "unknown";

    /// <summary>Lower bounds in euros, smallest first; a band runs up to (not including) the next one's bound.</summary>
    private static readonly (string Key, decimal From, string Label)[] Bands =
    [
        ("under-50k", decimal.MinValue, "Under €50,000"),
        ("50k-250k", 50_000m, "€50,000 to €250,000"),
        ("250k-1m", 250_000m, "€250,000 to €1 million"),
        ("1m-5m", 1_000_000m, "€1 million to €5 million"),
        ("5m-plus", 5_000_000m, "€5 million or more"),
    ];

    public static IEnumerable<string> Keys => Bands.Select(b => b.Key).Append(Unknown);

    public static string Of(decimal? eur)
    {
        if (eur is not { } amount) return Unknown;
        for (var i = Bands.Length - 1; i >= 0; i--)
        {
            if (amount >= Bands[i].From) return Bands[i].Key;
        }
        return Bands[0].Key;
    }

    public static bool IsKnown(string key) => Keys.Contains(key, StringComparer.Ordinal);

    public static string Label(string key) =>
        Bands.FirstOrDefault(b => b.Key == key).Label ?? (key == Unknown ? "No euro amount" : key);
}
