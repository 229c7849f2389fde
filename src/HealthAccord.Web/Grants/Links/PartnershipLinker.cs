using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Links;

/// <summary>
/// Decides which partnerships a grant belongs to (LINK-RULES.md): a grant that names a partnership belongs to it;
/// otherwise it belongs when one of its funders holds a seat in the partnership at the award date — its own seat,
/// or its country's for partnerships whose members are states — and the grant falls within the partnership's theme.
/// Built once from the registry per import or relink run; matching is then pure and thread-safe.
/// </summary>
public sealed class PartnershipLinker
{
    private readonly IReadOnlyList<Candidate> _partnerships;
    private readonly CountryFacts _countries;

    private PartnershipLinker(IReadOnlyList<Candidate> partnerships, CountryFacts countries)
    {
        _partnerships = partnerships;
        _countries = countries;
    }

    public static async Task<PartnershipLinker> LoadAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var partnerships = await db.Partnerships.AsNoTracking()
            .Select(p => new { p.Id, p.Slug, p.Acronym, p.Name })
            .ToListAsync(ct);
        var seats = await db.Memberships.AsNoTracking()
            .Where(m => m.Role != MembershipRole.Observer)
            .Select(m => new Seat(m.PartnershipId, m.OrganisationId, m.CountryCode, m.Joined, m.Left))
            .ToListAsync(ct);
        var countries = await db.Countries.AsNoTracking().Select(c => new { c.Code, c.SubRegion, c.IncomeGroup }).ToListAsync(ct);
        var themes = PartnershipThemes.All.ToDictionary(t => t.Slug, StringComparer.Ordinal);

        var candidates = partnerships
            .OrderBy(p => p.Acronym, StringComparer.Ordinal)
            .Select(p => new Candidate(p.Id, p.Slug, p.Acronym, NamePattern(p.Acronym, p.Name),
                seats.Where(s => s.PartnershipId == p.Id).ToList(), themes.GetValueOrDefault(p.Slug)))
            .ToList();
        return new PartnershipLinker(candidates, new CountryFacts(
            countries.ToDictionary(c => c.Code, c => c.SubRegion, StringComparer.Ordinal),
            countries.ToDictionary(c => c.Code, c => c.IncomeGroup, StringComparer.Ordinal)));
    }

    public IReadOnlyList<PartnershipLink> Match(GrantLinkFacts grant)
    {
        var links = new List<PartnershipLink>();
        foreach (var p in _partnerships)
        {
            if (p.Named.IsMatch(grant.JoinedText))
            {
                links.Add(new PartnershipLink(p.Id, p.Slug, p.Acronym, $"Names {p.Acronym} in its title, description, programme or call."));
                continue;
            }
            if (p.Theme is null) continue;
            var member = grant.Funders.FirstOrDefault(f => p.Seats.Any(s => s.Holds(f, grant.AwardDate)));
            if (member is null) continue;
            if (p.Theme.Describe(grant, _countries) is { } theme)
                links.Add(new PartnershipLink(p.Id, p.Slug, p.Acronym, $"Funded by {member.Name}, a member of {p.Acronym}; {theme}."));
        }
        return links;
    }

    // The acronym must appear in capitals as a word of its own ("GACD", not "gacd" in a URL slug); the full name in
    // any case.
    private static Regex NamePattern(string acronym, string name) =>
        new($@"\b{Regex.Escape(acronym)}\b|\b(?i:{Regex.Escape(name)})\b", RegexOptions.CultureInvariant);

    private sealed record Candidate(int Id, string Slug, string Acronym, Regex Named, IReadOnlyList<Seat> Seats, PartnershipTheme? Theme);

    private sealed record Seat(int PartnershipId, int? OrganisationId, string? CountryCode, PartialDate? Joined, PartialDate? Left)
    {
        public bool Holds(FunderFact funder, DateOnly awarded) =>
            (OrganisationId == funder.OrganisationId || (funder.IsPublic && CountryCode is not null && CountryCode == funder.CountryCode))
            && (Joined is not { } j || j.Earliest <= awarded)
            && (Left is not { } l || l.Latest >= awarded);
    }
}
