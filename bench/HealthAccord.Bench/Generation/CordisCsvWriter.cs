using System.Globalization;
using System.Text;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// project.csv and organization.csv in the layout of CORDIS Horizon Europe exports: ';' separated, every field in
/// double quotes, amounts in euros with a decimal point. Column names and order were confirmed against public code
/// that reads CORDIS exports (an R package's printout of the Horizon project table with all 20 columns, and a
/// writer of the organisation table's columns from organisationID to active); geolocation and contactForm stay empty.
/// </summary>
internal sealed class CordisCsvWriter : IGrantWriter
{
    private static readonly string[] ProjectColumns =
    [
        "id", "acronym", "status", "title", "startDate", "endDate", "totalCost", "ecMaxContribution", "legalBasis", "topics",
        "ecSignatureDate", "frameworkProgramme", "masterCall", "subCall", "fundingScheme", "nature", "objective",
        "contentUpdateDate", "rcn", "grantDoi",
    ];

    private static readonly string[] OrganisationColumns =
    [
        "projectID", "projectAcronym", "organisationID", "vatNumber", "name", "shortName", "SME", "activityType", "street",
        "postCode", "city", "country", "nutsCode", "geolocation", "organizationURL", "contactForm", "contentUpdateDate", "rcn",
        "order", "role", "ecContribution", "netEcContribution", "totalCost", "endOfParticipation", "active",
    ];

    /// <summary>CORDIS project ids are nine digits for Horizon Europe grants (101103474, for instance).</summary>
    private const long ProjectIdBase = 100_000_000;
    private const long ProjectRecordBase = 200_000;
    private const long OrganisationRecordBase = 2_000_000;
    private const decimal LargeProjectEuros = 6_000_000m;

    private readonly SemicolonCsv _projects;
    private readonly SemicolonCsv _organisations;
    private readonly ExchangeRates _rates;
    private readonly long[] _shareCents = new long[SyntheticGrant.MaxRecipients];

    public CordisCsvWriter(string folder, ExchangeRates rates)
    {
        Directory.CreateDirectory(folder);
        var projectPath = Path.Combine(folder, "project.csv");
        var organisationPath = Path.Combine(folder, "organization.csv");
        _projects = new SemicolonCsv(projectPath, ProjectColumns);
        _organisations = new SemicolonCsv(organisationPath, OrganisationColumns);
        _rates = rates;
        Files = [projectPath, organisationPath];
    }

    public IReadOnlyList<string> Files { get; }

    public void Write(SyntheticGrant grant)
    {
        var projectId = ProjectIdBase + grant.Number;
        var acronym = Acronym(grant);
        var year = grant.AwardDate.Year;
        var framework = CordisCodes.FrameworkProgramme(year);
        // Converted at the award year's average ECB rate, as a euro budget would have been fixed then.
        var euros = Math.Round(grant.AmountAwarded / _rates.UnitsPerEuro(year, grant.Currency), 2, MidpointRounding.ToEven);
        var totalCost = Math.Round(euros * grant.TotalCostPercent / 100, 2, MidpointRounding.ToEven);
        var (topic, call) = CordisCodes.TopicAndCall(framework, grant.Programme.Kind, year, grant.CallVariant);
        Span<char> updated = stackalloc char[19];
        grant.Modified.TryFormat(updated, out _, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        var p = _projects;
        p.Field(projectId);
        p.Field(acronym);
        p.Field(Status(grant));
        p.Field(grant.Title.Span);
        p.Field(grant.PlannedStart);
        p.Field(grant.PlannedEnd);
        p.Field(totalCost);
        p.Field(euros);
        p.Field(CordisCodes.LegalBasis(framework, grant.Programme.Kind));
        p.Field(topic);
        p.Field(grant.AwardDate);
        p.Field(framework);
        p.Field(call);
        p.Field(call);
        p.Field(CordisCodes.FundingScheme(framework, grant.Programme.Kind, large: euros > LargeProjectEuros));
        p.Field("");
        p.Field(grant.Description.Span);
        p.Field(updated);
        p.Field(ProjectRecordBase + grant.Number);
        p.Field(string.Create(CultureInfo.InvariantCulture, $"10.3030/{projectId}"));
        p.EndRow();

        SplitByShares(grant, euros, _shareCents);
        for (var i = 0; i < grant.RecipientCount; i++)
        {
            var recipient = grant.Recipients[i];
            var contribution = _shareCents[i] / 100m;
            var o = _organisations;
            o.Field(projectId);
            o.Field(acronym);
            o.Field(recipient.ParticipantCode);
            o.Field(recipient.VatNumber);
            o.Field(recipient.UpperCaseName);
            o.Field(recipient.ShortName);
            o.Field(recipient.IsSme ? "true" : "false");
            o.Field(recipient.CordisActivityType);
            o.Field(recipient.Street);
            o.Field(recipient.PostCode);
            o.Field(recipient.City);
            o.Field(CordisCodes.CountryCode(recipient.Country));
            o.Field(recipient.NutsCode);
            o.Field("");
            o.Field(recipient.Website);
            o.Field("");
            o.Field(updated);
            o.Field(OrganisationRecordBase + recipient.Serial);
            o.Field(i + 1);
            o.Field(i == 0 ? "coordinator" : "participant");
            o.Field(contribution);
            o.Field(contribution);
            o.Field(Math.Round(contribution * grant.TotalCostPercent / 100, 2, MidpointRounding.ToEven));
            o.Field("false");
            o.Field("true");
            o.EndRow();
        }
    }

    private static string Status(SyntheticGrant grant) =>
        grant.PlannedEnd >= GrantFactory.SnapshotDate ? "SIGNED"
        : grant.Number % 61 == 0 ? "TERMINATED" // a small share of projects end early
        : "CLOSED";

    /// <summary>Splits the euro amount by the recipients' shares, in whole cents that add up exactly; the lead takes the remainder.</summary>
    private static void SplitByShares(SyntheticGrant grant, decimal euros, long[] cents)
    {
        var total = (long)(euros * 100);
        long weightSum = 0;
        for (var i = 0; i < grant.RecipientCount; i++) weightSum += grant.RecipientShares[i];
        long assigned = 0;
        for (var i = 1; i < grant.RecipientCount; i++)
        {
            cents[i] = total * grant.RecipientShares[i] / weightSum;
            assigned += cents[i];
        }
        cents[0] = total - assigned;
    }

    private static readonly HashSet<string> FillerWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "from", "that", "this", "will", "their", "they", "have", "been", "which", "were", "also", "into", "during",
        "towards", "through", "those", "them", "there", "these", "what", "when", "where", "more", "such", "other",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerWordSpans = FillerWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A project acronym from the title, in one of the shapes CORDIS acronyms take: a whole word ("NEOPLASTICS"),
    /// or the starts of two or three words run together.
    /// </summary>
    private static string Acronym(SyntheticGrant grant)
    {
        var builder = new StringBuilder(12);
        var shape = (int)(grant.Number % 3);
        var taken = 0;
        foreach (var range in grant.Title.Span.Split(' '))
        {
            var word = grant.Title.Span[range];
            if (word.Length < 4 || FillerWordSpans.Contains(word)) continue;
            var keep = shape switch { 0 => Math.Min(word.Length, 10), 1 => taken == 0 ? 4 : 3, _ => taken == 2 ? 2 : 3 };
            foreach (var c in word[..Math.Min(keep, word.Length)])
                if (char.IsLetterOrDigit(c)) builder.Append(char.ToUpperInvariant(c));
            taken++;
            if (taken == shape + 1) break;
        }
        return builder.Length >= 3 ? builder.ToString() : string.Create(CultureInfo.InvariantCulture, $"PRJ{grant.Number % 10_000}");
    }

    public void Complete()
    {
        _projects.Flush();
        _organisations.Flush();
    }

    public void Dispose()
    {
        _projects.Dispose();
        _organisations.Dispose();
    }
}
