using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static HealthAccord.Web.Shared.Persistence;

namespace HealthAccord.Web.Memberships;

/// <summary>A seat in a partnership, held by an organisation or (for state members) a country: give exactly one.</summary>
public sealed record MembershipInput(
    string? Partnership,
    int? OrganisationId,
    string? CountryCode,
    MembershipRole? Role,
    string? Note,
    string? Joined,
    string? Left,
    IReadOnlyList<SourceInput>? Sources)
{
    internal sealed record Parsed(int PartnershipId, PartialDate? Joined, PartialDate? Left);

    internal async Task<(Validation Validation, Parsed Parsed)> ValidateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var v = new Validation()
            .Length("note", Note, Limits.Note)
            .Sources("sources", Sources)
            .PartialDate("joined", Joined, out var joined)
            .PartialDate("left", Left, out var left)
            .Order("left", joined, left, "the joining date");
        if (Role is null) v.Add("role", "This field is required.");

        var partnershipId = 0;
        if (string.IsNullOrWhiteSpace(Partnership)) v.Add("partnership", "This field is required.");
        else
        {
            var slug = Partnership.Trim().ToLowerInvariant();
            partnershipId = await db.Partnerships.Where(p => p.Slug == slug).Select(p => p.Id).FirstOrDefaultAsync(ct);
            if (partnershipId == 0) v.Add("partnership", $"There is no partnership '{Partnership}'.");
        }

        var hasCountry = !string.IsNullOrWhiteSpace(CountryCode);
        if (OrganisationId is null == !hasCountry)
        {
            v.Add(OrganisationId is null ? "organisationId" : "countryCode",
                "A seat is held by an organisation or by a country: give exactly one of organisationId and countryCode.");
        }
        if (OrganisationId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id, ct))
            v.Add("organisationId", $"There is no organisation {id}.");
        await v.CheckCountryAsync(db, "countryCode", CountryCode, ct);
        return (v, new Parsed(partnershipId, joined, left));
    }

    internal void ApplyTo(Membership m, Parsed parsed)
    {
        m.PartnershipId = parsed.PartnershipId;
        m.OrganisationId = OrganisationId;
        m.CountryCode = NormaliseCountry(CountryCode);
        m.Role = Role!.Value;
        m.Note = Clean(Note);
        m.Joined = parsed.Joined;
        m.Left = parsed.Left;
        m.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}
