using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Reference;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Data;

public sealed record SeedResult(bool Applied, int Partnerships, int Organisations, int Memberships, int Agreements, int Goals, int Measurements);

/// <summary>
/// Seeds the ten partnerships with their members, agreements and goals from the compiled files in Data/Seed.
/// It runs once per database (recorded in SeedRuns), so edits made afterwards are never overwritten.
/// </summary>
public static partial class RegistrySeeder
{
    public const string SeedName = "registry-2026-11";

    private static readonly JsonSerializerOptions ProfileJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<SeedResult> SeedAsync(HealthAccordDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.SeedRuns.AnyAsync(s => s.Name == SeedName, ct))
            return new SeedResult(false, 0, 0, 0, 0, 0, 0);

        var countries = await db.Countries.ToDictionaryAsync(c => c.Code, ct);
        var partnerships = BuildPartnerships();
        var organisations = new OrganisationDirectory(countries);
        var memberships = BuildMemberships(partnerships, organisations, countries);
        var agreements = BuildAgreements(partnerships, organisations, countries.Values.ToList());
        var goals = BuildGoals(partnerships);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Partnerships.AddRange(partnerships.Values);
        db.Organisations.AddRange(organisations.All);
        db.Memberships.AddRange(memberships);
        db.Agreements.AddRange(agreements);
        db.Goals.AddRange(goals);
        var result = new SeedResult(true, partnerships.Count, organisations.All.Count, memberships.Count, agreements.Count, goals.Count,
            goals.Sum(g => g.Measurements.Count));
        db.SeedRuns.Add(new SeedRun
        {
            Name = SeedName,
            AppliedAt = clock.GetUtcNow().UtcDateTime,
            RecordsAdded = result.Partnerships + result.Organisations + result.Memberships + result.Agreements + result.Goals,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private sealed record Profile(string Acronym, string Slug, PartnershipKind Kind, EuRole EuRole, List<string> Themes,
        string Summary, string Mission, string EuRoleNote);

    private static Dictionary<string, Partnership> BuildPartnerships()
    {
        var profiles = JsonSerializer.Deserialize<List<Profile>>(File.ReadAllText(SeedFiles.PathOf("partnership-profiles.json")), ProfileJson)!
            .ToDictionary(p => p.Acronym, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, Partnership>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in SeedFiles.ReadCsv("partnerships.csv"))
        {
            var profile = profiles[row["acronym"]];
            var sources = Sources(row["source_url"], null, null).Concat(Sources(row["eu_role_source"], null, null))
                .DistinctBy(s => s.Url).ToList();
            result[profile.Acronym] = new Partnership
            {
                Slug = profile.Slug,
                Acronym = profile.Acronym,
                Name = row["name"],
                Kind = profile.Kind,
                Summary = profile.Summary,
                Mission = profile.Mission,
                FoundedYear = int.TryParse(row["founded_year"], out var year) ? year : null,
                Website = SplitUrls(row["website"]).FirstOrDefault(),
                Secretariat = row["secretariat"].NullIfEmpty(),
                Themes = profile.Themes,
                EuRole = profile.EuRole,
                EuRoleNote = profile.EuRoleNote,
                Status = PartnershipStatus.Active,
                Sources = sources,
            };
        }
        return result;
    }

    private static List<Membership> BuildMemberships(Dictionary<string, Partnership> partnerships, OrganisationDirectory organisations,
        Dictionary<string, Country> countries)
    {
        var rows = SeedFiles.ReadCsv("partnership-members.csv");
        if (SeedFiles.Exists("partnership-members-extra.csv")) rows.AddRange(SeedFiles.ReadCsv("partnership-members-extra.csv"));
        var result = new List<Membership>();
        foreach (var row in rows)
        {
            var partnership = partnerships[row["partnership"]];
            var kind = row["member_kind"];
            var countryCode = row["country_iso2"].NullIfEmpty();
            var isCountry = kind.StartsWith("country", StringComparison.OrdinalIgnoreCase)
                || kind.StartsWith("jurisdiction", StringComparison.OrdinalIgnoreCase);
            var (role, note) = MapRole(row["role"]);
            var membership = new Membership
            {
                Partnership = partnership,
                Role = role,
                Note = note,
                Joined = PartialDate.TryParse(row["joined_year"], out var joined) ? joined : null,
                Sources = Sources(row["source_url"], row["source_note"].NullIfEmpty(), row["as_of"].NullIfEmpty()),
            };
            if (isCountry && countryCode is not null && countries.ContainsKey(countryCode))
                membership.CountryCode = countryCode;
            else
                membership.Organisation = organisations.Resolve(row["member_name"], kind, countryCode, membership.Sources);
            result.Add(membership);
        }
        return result;
    }

    /// <summary>Maps the compiler's role wording onto the role list, keeping the full wording as a note when it says more.</summary>
    internal static (MembershipRole Role, string? Note) MapRole(string text)
    {
        var lower = text.ToLowerInvariant();
        var role = lower switch
        {
            _ when lower.StartsWith("founding", StringComparison.Ordinal) => MembershipRole.FoundingMember,
            _ when lower.StartsWith("observer", StringComparison.Ordinal) => MembershipRole.Observer,
            _ when lower.Contains("secretariat", StringComparison.Ordinal) && !lower.StartsWith("member", StringComparison.Ordinal) => MembershipRole.Secretariat,
            _ when lower.Contains("management committee", StringComparison.Ordinal) => MembershipRole.Secretariat,
            _ when lower.Contains("associate", StringComparison.Ordinal) || lower.StartsWith("affiliated", StringComparison.Ordinal)
                || lower.StartsWith("aspirant", StringComparison.Ordinal) || lower.StartsWith("supporting", StringComparison.Ordinal)
                || lower.StartsWith("participates indirectly", StringComparison.Ordinal) => MembershipRole.Associate,
            _ => MembershipRole.Member,
        };
        var plain = lower is "member" or "founding member" or "observer" or "full member";
        return (role, plain ? null : text);
    }

    private static List<Agreement> BuildAgreements(Dictionary<string, Partnership> partnerships, OrganisationDirectory organisations,
        List<Country> countries)
    {
        var result = new List<Agreement>();
        foreach (var row in SeedFiles.ReadCsv("agreements.csv"))
        {
            var sources = Sources(row["source_url"], null, row["as_of"].NullIfEmpty());
            var agreement = new Agreement
            {
                Title = row["title"],
                Kind = MapAgreementKind(row["kind"]),
                Signed = PartialDate.TryParse(row["signed_date"], out var signed) ? signed : null,
                EnteredIntoForce = PartialDate.TryParse(row["in_force_date"], out var inForce) ? inForce : null,
                RenewalNote = row["expiry_or_renewal"].NullIfEmpty(),
                Status = MapAgreementStatus(row["status"]),
                StatusNote = row["status"].NullIfEmpty(),
                Scope = row["scope"].NullIfEmpty(),
                Sources = sources,
                Documents = sources.Where(s => IsOfficialText(s.Url))
                    .Select(s => new AgreementDocument { Title = $"Text or record on {s.Title}", Url = s.Url, Language = "en" })
                    .ToList(),
                Partnerships = row["related_partnerships"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => partnerships[a]).ToList(),
            };
            agreement.Parties = row["parties"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(name => organisations.MatchParty(name, countries))
                .ToList();
            result.Add(agreement);
        }
        return result;
    }

    private static bool IsOfficialText(string url) =>
        url.Contains("eur-lex.europa.eu", StringComparison.OrdinalIgnoreCase)
        || url.Contains("treaty-accord.gc.ca", StringComparison.OrdinalIgnoreCase)
        || url.Contains("legislation.gov.uk", StringComparison.OrdinalIgnoreCase);

    internal static AgreementKind MapAgreementKind(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("s&t cooperation", StringComparison.Ordinal) => AgreementKind.ScienceAndTechnologyCooperation,
            _ when lower.Contains("legal act", StringComparison.Ordinal) => AgreementKind.LegalAct,
            _ when lower.Contains("grant agreement", StringComparison.Ordinal) => AgreementKind.ContributionOrGrantAgreement,
            _ when lower.Contains("memorand", StringComparison.Ordinal) || lower.Contains("letter of intent", StringComparison.Ordinal) => AgreementKind.MemorandumOfUnderstanding,
            _ when lower.Contains("intergovernmental", StringComparison.Ordinal) => AgreementKind.ImplementingArrangement,
            _ => AgreementKind.TermsOfReference,
        };
    }

    internal static AgreementStatus MapAgreementStatus(string text)
    {
        var lower = text.ToLowerInvariant();
        return lower switch
        {
            _ when lower.StartsWith("superseded", StringComparison.Ordinal) => AgreementStatus.Superseded,
            _ when lower.StartsWith("renewal proposed", StringComparison.Ordinal) || lower.Contains("negotiation", StringComparison.Ordinal) => AgreementStatus.UnderNegotiation,
            _ when lower.Contains("concluded", StringComparison.Ordinal) || lower.StartsWith("completed", StringComparison.Ordinal)
                || lower.StartsWith("historical", StringComparison.Ordinal) || lower.StartsWith("expired", StringComparison.Ordinal) => AgreementStatus.Expired,
            _ => AgreementStatus.InForce,
        };
    }

    [GeneratedRegex(@";\s*(?=[^;=@]{1,40}=)")]
    private static partial Regex MeasurementSeparator();

    private static List<Goal> BuildGoals(Dictionary<string, Partnership> partnerships)
    {
        var result = new List<Goal>();
        var headlineChosen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = SeedFiles.ReadCsv("goals.csv");
        if (SeedFiles.Exists("goals-extra.csv")) rows.AddRange(SeedFiles.ReadCsv("goals-extra.csv"));
        foreach (var row in rows)
        {
            var acronym = row["partnership"];
            var statement = row["goal_statement_short"];
            // The first goal listed for a partnership is its headline, except IRDiRC, whose headline is the
            // one-year diagnosis goal of 2017-2027 rather than its completed 2011-2020 goals.
            var isHeadline = acronym.Equals("IRDiRC", StringComparison.OrdinalIgnoreCase)
                ? statement.Contains("diagnosed within one year", StringComparison.OrdinalIgnoreCase)
                : !headlineChosen.Contains(acronym);
            if (isHeadline) headlineChosen.Add(acronym);

            var unit = row["unit"].NullIfEmpty();
            var direction = row["direction"] switch
            {
                "at_most" => GoalDirection.AtMost,
                "at_least" => GoalDirection.AtLeast,
                _ => GoalDirection.Qualitative,
            };
            var target = SourceText.ParseQuantity(row["target"]);
            var baseline = SourceText.ParseQuantity(row["baseline"]);
            var goal = new Goal
            {
                Partnership = partnerships[acronym],
                IsHeadline = isHeadline,
                Statement = statement,
                Indicator = row["indicator"],
                Unit = unit is null or "n/a" ? null : unit,
                Direction = direction,
                Target = direction == GoalDirection.Qualitative ? null : target,
                TargetNote = target is null || direction == GoalDirection.Qualitative ? row["target"].NullIfEmpty() : null,
                Baseline = baseline,
                BaselineNote = row["baseline"].NullIfEmpty() is { } b && b != baseline?.ToString(System.Globalization.CultureInfo.InvariantCulture) ? b : null,
                Deadline = SourceText.ParseDeadline(row["deadline"]),
                DeadlineNote = row["deadline"].NullIfEmpty(),
                Sources = Sources(row["source_url"], null, row["as_of"].NullIfEmpty()),
            };
            foreach (var part in MeasurementSeparator().Split(row["measurements"]).Where(p => p.Contains('=', StringComparison.Ordinal)))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var at = part.LastIndexOf("@http", StringComparison.Ordinal);
                var period = part[..equals].Trim();
                var valueText = (at > equals ? part[(equals + 1)..at] : part[(equals + 1)..]).Trim();
                goal.Measurements.Add(new Measurement
                {
                    PeriodLabel = period,
                    MeasuredOn = SourceText.ParsePeriod(period),
                    Value = SourceText.ParseQuantity(valueText),
                    ValueText = valueText,
                    SourceUrl = at > equals ? part[(at + 1)..].Trim() : row["source_url"].Split(';')[0].Trim(),
                });
            }
            result.Add(goal);
        }
        return result;
    }

    internal static IEnumerable<string> SplitUrls(string text) =>
        text.Split([" ; ", ";"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => u.Split(' ')[0])
            .Where(u => u.StartsWith("http", StringComparison.OrdinalIgnoreCase));

    internal static List<SourceReference> Sources(string urls, string? title, string? asOf) =>
        SplitUrls(urls).Select(url => new SourceReference { Url = url, Title = title ?? HostOf(url), AsOf = asOf }).ToList();

    private static string HostOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.Replace("www.", "", StringComparison.Ordinal) : url;
}
