using HealthAccord.Data.Registry;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Organisations;

public sealed record OrganisationSummary(
    int Id,
    string Name,
    string? Acronym,
    OrganisationType Type,
    string? CountryCode,
    string? CountryName,
    string? RorId,
    string? Website,
    int PartnershipCount,
    string Url);

/// <summary>One seat an organisation holds, seen from the organisation: the network view.</summary>
public sealed record OrganisationMembershipDto(
    int MembershipId,
    string PartnershipSlug,
    string PartnershipAcronym,
    string PartnershipName,
    MembershipRole Role,
    string? Note,
    string? Joined,
    string? Left);

public sealed record OrganisationDetail(
    int Id,
    string Name,
    string? Acronym,
    OrganisationType Type,
    string? CountryCode,
    string? CountryName,
    string? RorId,
    string? RorUrl,
    string? Website,
    IReadOnlyList<OrganisationMembershipDto> Memberships,
    IReadOnlyList<AgreementRef> Agreements,
    IReadOnlyList<SourceDto> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

public sealed record OrganisationCsvRow(int Id, string Name, string? Acronym, string Type, string? Country, string? RorId, string? Website, int Partnerships)
{
    public static OrganisationCsvRow From(OrganisationSummary o) =>
        new(o.Id, o.Name, o.Acronym, EnumValues.Spell(o.Type), o.CountryCode, o.RorId, o.Website, o.PartnershipCount);
}
