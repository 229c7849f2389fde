using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Memberships;

public sealed record MembershipDto(
    int Id,
    string PartnershipSlug,
    string PartnershipAcronym,
    int? OrganisationId,
    string? OrganisationName,
    string? CountryCode,
    string? CountryName,
    MembershipRole Role,
    string? Note,
    string? Joined,
    string? Left,
    IReadOnlyList<SourceDto> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version)
{
    public static MembershipDto From(Membership m) => new(m.Id, m.Partnership.Slug, m.Partnership.Acronym, m.OrganisationId, m.Organisation?.Name,
        m.CountryCode ?? m.Organisation?.CountryCode, m.Country?.Name ?? m.Organisation?.Country?.Name, m.Role, m.Note,
        m.Joined?.ToString(), m.Left?.ToString(), m.Sources.Select(SourceDto.From).ToList(), m.CreatedAt, m.UpdatedAt, m.Version);
}

public sealed record MembershipCsvRow(int Id, string Partnership, int? OrganisationId, string? Organisation, string? Country, string Role,
    string? Joined, string? Left, string? Note, string? Source)
{
    public static MembershipCsvRow From(MembershipDto m) => new(m.Id, m.PartnershipAcronym, m.OrganisationId, m.OrganisationName, m.CountryCode,
        EnumValues.Spell(m.Role), m.Joined, m.Left, m.Note, m.Sources.FirstOrDefault()?.Url);
}
