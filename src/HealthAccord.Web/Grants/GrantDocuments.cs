using System.Globalization;
using HealthAccord.Data.Portfolio;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
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
/// indexed as exact terms (to filter) and as sorted-set doc values (to count).
/// <para>
/// Words are matched against one catch-all field, <see cref="Text"/>, holding the title, the description and every
/// organisation's name; the title also has a field of its own, which only adds to the score. Before the catch-all,
/// each word of a query was a disjunction over three fields, and at a million grants walking those three postings
/// lists per frequent word was nearly all of a search's time. An index written before the catch-all existed (it has
/// separate description and organisation fields instead) is still searched the old way until it is rebuilt, which
/// <see cref="GrantIndexStartup"/> starts by itself (<see cref="HasCatchAll"/>).
/// </para>
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
    public const string Text = "text";
    public const string AmountEur = "amountEur";
    public const string AwardDate = "awardDate";
    public const string PlannedStart = "plannedStart";
    public const string PlannedEnd = "plannedEnd";

    /// <summary>The fields words were matched against before the catch-all field (see <see cref="HasCatchAll"/>).</summary>
    public static readonly string[] SeparateTextFields = [Title, Description, Organisations];

    /// <summary>
    /// English stemming for the grant's words, so "vaccines" finds "vaccine". The catch-all field stems organisation
    /// names as well ("Institutes" finds "Institute"), and keeps its values apart, so a phrase never runs from the end
    /// of the title into the description. The separate organisation field of older indexes only lower-cased and split.
    /// </summary>
    public static Analyzer CreateAnalyzer() => new PerFieldAnalyzerWrapper(new EnglishAnalyzer(Version),
        new Dictionary<string, Analyzer>
        {
            [Organisations] = new StandardAnalyzer(Version),
            [Text] = new ValuesKeptApart(new EnglishAnalyzer(Version)),
        });

    /// <summary>
    /// Whether every segment with grants has the catch-all field: false for an index written before it existed (or
    /// part-way through its rebuild), which searches then query field by field.
    /// </summary>
    public static bool HasCatchAll(IndexReader reader) =>
        reader.Leaves.All(leaf => leaf.Reader.NumDocs == 0 || leaf.AtomicReader.FieldInfos.FieldInfo(Text) is not null);

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

    /// <summary>Analyses like the analyzer it wraps, with a wide gap in positions between a field's values.</summary>
    private sealed class ValuesKeptApart(Analyzer inner) : AnalyzerWrapper(GLOBAL_REUSE_STRATEGY)
    {
        // Wider than any phrase slop a person types, so "malaria vaccine"~10 cannot match across two values either.
        private const int Gap = 100;

        protected override Analyzer GetWrappedAnalyzer(string fieldName) => inner;

        public override int GetPositionIncrementGap(string fieldName) => Gap;
    }
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
