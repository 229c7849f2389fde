using System.Globalization;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// Names for the ids a snapshot refers to (a membership's partnership and organisation, an agreement's linked
/// partnerships, country codes) and for records themselves, as they read when the change was made.
/// </summary>
public sealed class RecordLabels
{
    private readonly Dictionary<int, string> _partnerships;
    private readonly Dictionary<int, string> _organisations;
    private readonly Dictionary<string, string> _countries;

    private RecordLabels(Dictionary<int, string> partnerships, Dictionary<int, string> organisations, Dictionary<string, string> countries)
    {
        _partnerships = partnerships;
        _organisations = organisations;
        _countries = countries;
    }

    /// <summary>No names at all: ids and codes are shown as they are. Enough for telling whether two snapshots differ.</summary>
    public static RecordLabels None { get; } = new([], [], new(StringComparer.Ordinal));

    /// <summary>
    /// Names for everything these snapshots mention. Records in the snapshots name themselves (so a partnership
    /// deleted by the same change still has its acronym); the rest is looked up.
    /// </summary>
    public static async Task<RecordLabels> LoadAsync(HealthAccordDbContext db, IEnumerable<(RecordType Type, JsonObject Snapshot)> snapshots,
        CancellationToken ct)
    {
        var partnerships = new Dictionary<int, string>();
        var organisations = new Dictionary<int, string>();
        var partnershipRefs = new HashSet<int>();
        var organisationRefs = new HashSet<int>();
        var countryRefs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, snapshot) in snapshots)
        {
            var id = (int)snapshot["id"]!;
            if (type == RecordType.Partnership) partnerships[id] = (string)snapshot["acronym"]!;
            if (type == RecordType.Organisation) organisations[id] = (string)snapshot["name"]!;
            if (snapshot["partnershipId"] is JsonValue partnership) partnershipRefs.Add((int)partnership);
            if (snapshot["organisationId"] is JsonValue organisation) organisationRefs.Add((int)organisation);
            if (snapshot["countryCode"] is JsonValue country) countryRefs.Add((string)country!);
            foreach (var linked in snapshot["partnershipIds"]?.AsArray() ?? []) partnershipRefs.Add((int)linked!);
            foreach (var party in snapshot["parties"]?.AsArray() ?? [])
            {
                if (party!["countryCode"] is JsonValue partyCountry) countryRefs.Add((string)partyCountry!);
            }
        }
        var missingPartnerships = partnershipRefs.Except(partnerships.Keys).ToList();
        if (missingPartnerships.Count > 0)
        {
            foreach (var p in await db.Partnerships.AsNoTracking().Where(p => missingPartnerships.Contains(p.Id))
                .Select(p => new { p.Id, p.Acronym }).ToListAsync(ct))
                partnerships[p.Id] = p.Acronym;
        }
        var missingOrganisations = organisationRefs.Except(organisations.Keys).ToList();
        if (missingOrganisations.Count > 0)
        {
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => missingOrganisations.Contains(o.Id))
                .Select(o => new { o.Id, o.Name }).ToListAsync(ct))
                organisations[o.Id] = o.Name;
        }
        var codes = countryRefs.ToList();
        var countries = codes.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await db.Countries.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, StringComparer.Ordinal, ct);
        return new RecordLabels(partnerships, organisations, countries);
    }

    public string Partnership(int id) => _partnerships.GetValueOrDefault(id) ?? $"partnership {Number(id)}";

    public string Organisation(int id) => _organisations.GetValueOrDefault(id) ?? $"organisation {Number(id)}";

    public string Country(string code) => _countries.GetValueOrDefault(code) is { } name ? $"{name} ({code})" : code;

    private string CountryName(string code) => _countries.GetValueOrDefault(code) ?? code;

    /// <summary>What people call the record: "GloPID-R", "Wellcome Trust", "France in EDCTP", "GACD: Reduce …".</summary>
    public string Of(RecordType type, JsonObject snapshot) => type switch
    {
        RecordType.Partnership => (string)snapshot["acronym"]!,
        RecordType.Organisation => (string)snapshot["name"]!,
        RecordType.Membership => $"{Holder(snapshot)} in {Partnership((int)snapshot["partnershipId"]!)}",
        RecordType.Agreement => (string)snapshot["title"]!,
        RecordType.Goal => $"{Partnership((int)snapshot["partnershipId"]!)}: {DisplayText.Excerpt((string)snapshot["statement"]!, 80)}",
        RecordType.Grant => DisplayText.Excerpt((string)snapshot["title"]!, 120),
        RecordType.Outbreak => DisplayText.Excerpt((string)snapshot["title"]!, 120),
        RecordType.OutbreakResponse =>
            $"{Organisation((int)snapshot["organisationId"]!)}'s answers to outbreak {Number((int)snapshot["outbreakId"]!)}",
        _ => $"{type} {snapshot["id"]}",
    };

    private string Holder(JsonObject membership) =>
        membership["organisationId"] is JsonValue organisation ? Organisation((int)organisation)
        : membership["countryCode"] is JsonValue country ? CountryName((string)country!)
        : "an unnamed holder";

    private static string Number(int id) => id.ToString(CultureInfo.InvariantCulture);
}
