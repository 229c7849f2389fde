using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>What an editor sends to declare an outbreak. Partnerships are given by slug; none means GloPID-R.</summary>
public sealed record DeclarationInput(
    string? Title,
    string? PathogenCode,
    string? PathogenNote,
    IReadOnlyList<string>? Countries,
    DateTimeOffset? TriggeredAt,
    WhoGrading? WhoGrading,
    bool? IsPheic,
    string? Summary,
    IReadOnlyList<string>? Partnerships,
    decimal? QuorumShare,
    IReadOnlyList<SourceInput>? Sources)
{
    /// <summary>The partnership concerned when the editor names none: the one whose 48-hour goal the clock serves.</summary>
    public const string DefaultPartnership = "glopid-r";

    /// <summary>
    /// How far ahead of the server's clock a trigger time may lie: an editor copying a time from a bulletin written
    /// in another time zone, or a laptop clock a little fast, should not be refused; an outbreak next week should be.
    /// </summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    internal sealed record Parsed(List<Partnership> Partnerships, List<string> Countries, DateTime TriggeredAt);

    /// <summary>Checks every field; <paramref name="defaultQuorum"/> (<c>Outbreaks:DefaultQuorumShare</c>) stands in when no quorum is sent.</summary>
    internal async Task<(Validation Validation, Parsed Parsed)> ValidateAsync(HealthAccordDbContext db, TimeProvider clock, decimal defaultQuorum,
        CancellationToken ct)
    {
        var v = new Validation()
            .Required("title", Title, Limits.Title)
            .Length("pathogenNote", PathogenNote, Limits.Note)
            .Length("summary", Summary, Limits.Text)
            .Sources("sources", Sources);

        if (string.IsNullOrWhiteSpace(PathogenCode)) v.Add("pathogenCode", $"Choose a pathogen from the catalogue, or '{DiseaseX}' while the cause is unknown.");
        else if (PathogenCatalogue.Find(PathogenCode.Trim()) is null)
            v.Add("pathogenCode", $"'{PathogenCode}' is not a pathogen code of the catalogue; use one of {string.Join(", ", PathogenCatalogue.All.Select(p => p.Code))}.");

        var countries = new List<string>();
        if (Countries is null || Countries.Count == 0) v.Add("countries", "Name at least one affected country (ISO 3166-1 alpha-2 code).");
        else if (Countries.Count > 100) v.Add("countries", "At most 100 countries are allowed.");
        else
        {
            for (var i = 0; i < Countries.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(Countries[i])) v.Add($"countries[{i}]", "A country code may not be empty.");
                else await v.CheckCountryAsync(db, $"countries[{i}]", Countries[i], ct);
            }
            countries = Countries.Select(Persistence.NormaliseCountry).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        }

        var triggeredAt = default(DateTime);
        if (TriggeredAt is not { } trigger) v.Add("triggeredAt", "Give the date and time (UTC) of the event that triggers the response.");
        else if (trigger > clock.GetUtcNow() + FutureSkew)
            v.Add("triggeredAt", $"The trigger time {trigger.UtcDateTime:yyyy-MM-dd HH:mm} UTC is in the future; the clock runs from an event that has happened.");
        else triggeredAt = trigger.UtcDateTime;

        if (WhoGrading is null) v.Add("whoGrading", $"Choose the WHO grade: {EnumValues.AllowedList<WhoGrading>()}.");

        var quorum = QuorumShare ?? defaultQuorum;
        if (quorum <= 0 || quorum > 1) v.Add("quorumShare", "The quorum is a share of the notified funders: more than 0 and at most 1 (e.g. 0.5 for half).");
        else if (decimal.Round(quorum, 4) != quorum) v.Add("quorumShare", "Give the quorum share with at most four decimals.");

        var slugs = (Partnerships is { Count: > 0 } given ? given : [DefaultPartnership])
            .Select(s => s?.Trim() ?? "").ToList();
        var partnerships = new List<Partnership>();
        if (slugs.Count > 50) v.Add("partnerships", "At most 50 partnerships are allowed.");
        else
        {
            var wanted = slugs.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            partnerships = await db.Partnerships.Where(p => wanted.Contains(p.Slug)).ToListAsync(ct);
            for (var i = 0; i < slugs.Count; i++)
            {
                if (slugs[i].Length == 0) v.Add($"partnerships[{i}]", "A partnership slug may not be empty.");
                else if (partnerships.All(p => p.Slug != slugs[i])) v.Add($"partnerships[{i}]", $"There is no partnership '{slugs[i]}'.");
            }
        }
        return (v, new Parsed(partnerships, countries, triggeredAt));
    }

    public const string DiseaseX = "disease-x";

    internal void ApplyTo(Outbreak outbreak, Parsed parsed, decimal defaultQuorum)
    {
        outbreak.Title = Title!.Trim();
        outbreak.PathogenCode = PathogenCode!.Trim();
        outbreak.PathogenNote = Persistence.Clean(PathogenNote);
        outbreak.TriggeredAt = parsed.TriggeredAt;
        outbreak.WhoGrading = WhoGrading!.Value;
        outbreak.IsPheic = IsPheic ?? false;
        outbreak.Summary = Persistence.Clean(Summary);
        outbreak.QuorumShare = QuorumShare ?? defaultQuorum;
        outbreak.Countries = parsed.Countries.Select(c => new OutbreakCountry { CountryCode = c }).ToList();
        outbreak.Partnerships = parsed.Partnerships;
        outbreak.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}
