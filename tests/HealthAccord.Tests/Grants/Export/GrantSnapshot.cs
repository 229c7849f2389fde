using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// What a grant is, for comparing two databases after a round trip: its own fields, its funders and recipients (in
/// order, with role and country, and the identifiers their organisations are known by), its countries, pathogens
/// and HRCS categories. Left out on purpose: the database id, timestamps and the source file and row, which name
/// the import rather than the grant.
/// </summary>
public sealed record GrantSnapshot(
    string Identifier,
    IReadOnlyDictionary<string, string?> Fields,
    IReadOnlyList<SnapshotParticipant> Participants,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Pathogens,
    IReadOnlyList<string> Categories)
{
    public static async Task<Dictionary<string, GrantSnapshot>> LoadAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var identifiers = (await db.OrganisationIdentifiers.AsNoTracking().Select(i => new { i.OrganisationId, i.Value }).ToListAsync(ct))
            .ToLookup(i => i.OrganisationId, i => i.Value);
        var grants = await db.Grants.AsNoTracking()
            .Include(g => g.Participants).ThenInclude(p => p.Organisation)
            .Include(g => g.Countries).Include(g => g.Pathogens).Include(g => g.Categories)
            .AsSplitQuery().ToListAsync(ct);
        return grants.ToDictionary(g => g.Identifier, g => new GrantSnapshot(
            g.Identifier,
            new Dictionary<string, string?>
            {
                ["title"] = g.Title,
                ["description"] = g.Description,
                ["amountAwarded"] = Number(g.AmountAwarded),
                ["currency"] = g.Currency,
                ["amountEur"] = Number(g.AmountEur),
                ["eurRate"] = Number(g.EurRate),
                ["eurRateDate"] = Date(g.EurRateDate),
                ["awardDate"] = Date(g.AwardDate),
                ["plannedStart"] = Date(g.PlannedStart),
                ["plannedEnd"] = Date(g.PlannedEnd),
                ["programme"] = g.Programme,
            },
            g.Participants.OrderBy(p => p.Position).Select(p => new SnapshotParticipant(
                p.Role, p.Organisation.Name, p.Organisation.CountryCode, identifiers[p.OrganisationId].ToHashSet(StringComparer.Ordinal), p.Organisation.RorId)).ToList(),
            g.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal).ToList(),
            g.Pathogens.Select(p => p.Pathogen).Order(StringComparer.Ordinal).ToList(),
            g.Categories.Select(c => c.HrcsCode).Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>
    /// Every difference between a grant before (this) and after a round trip, as readable lines; empty when they
    /// are the same grant. Decimals compare by value, so 25000.0 and 25000 are equal.
    /// </summary>
    /// <param name="after">The same grant after the round trip.</param>
    /// <param name="countryAtFirstMention">
    /// Whether the file that was imported gave an organisation (by identifier) a country where it first named it. An
    /// importer sets a new organisation's country from that first mention only, and an export leaves recipients'
    /// countries out of grants that have none (see ThreeSixtyGivingWriter), so an organisation first named there comes
    /// back without its country. Any other lost or changed country is a difference.
    /// </param>
    public IEnumerable<string> DifferencesFrom(GrantSnapshot after, Func<string, bool?> countryAtFirstMention)
    {
        foreach (var (field, before) in Fields)
        {
            var now = after.Fields[field];
            if (before != now) yield return $"{Identifier}: {field} was '{before}', became '{now}'";
        }
        if (Participants.Count != after.Participants.Count)
        {
            yield return $"{Identifier}: {Participants.Count} funders and recipients became {after.Participants.Count}";
            yield break;
        }
        for (var i = 0; i < Participants.Count; i++)
        {
            var (a, b) = (Participants[i], after.Participants[i]);
            if (a.Role != b.Role || a.Name != b.Name) yield return $"{Identifier}: participant {i} was {a.Role} {a.Name}, became {b.Role} {b.Name}";
            var explained = b.Country is null && b.Identifiers.Any(id => countryAtFirstMention(id) == false);
            if (a.Country != b.Country && !explained)
                yield return $"{Identifier}: {a.Name}'s country was {a.Country}, became {b.Country}";
            // Known after by an identifier it had before (the export names one of them), else by its ROR id, else by
            // the registry's own identifier, the export's fallbacks in that order.
            var known = a.Identifiers.Count > 0 ? b.Identifiers.Overlaps(a.Identifiers)
                : a.RorId is not null ? b.Identifiers.Contains("XI-ROR-" + a.RorId)
                : b.Identifiers.Any(id => id.StartsWith("healthaccord-organisation-", StringComparison.Ordinal));
            if (!known) yield return $"{Identifier}: {a.Name} was known as [{string.Join(", ", a.Identifiers)}], became [{string.Join(", ", b.Identifiers)}]";
        }
        foreach (var (name, before, now) in new[] { ("countries", Countries, after.Countries), ("pathogens", Pathogens, after.Pathogens), ("HRCS categories", Categories, after.Categories) })
        {
            if (!before.SequenceEqual(now)) yield return $"{Identifier}: {name} were [{string.Join(", ", before)}], became [{string.Join(", ", now)}]";
        }
    }

    private static string? Number(decimal? value) => value?.ToString("0.############", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record SnapshotParticipant(ParticipantRole Role, string Name, string? Country, HashSet<string> Identifiers, string? RorId);
