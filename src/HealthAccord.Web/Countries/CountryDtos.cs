using HealthAccord.Data.Registry;
using HealthAccord.Web.Partnerships;

namespace HealthAccord.Web.Countries;

public sealed record CountrySummary(
    string Code,
    string Alpha3,
    string Name,
    string? Region,
    string? SubRegion,
    string? IncomeGroup,
    bool IsEuMemberState,
    int OrganisationCount,
    int PartnershipCount,
    string Url);

public sealed record CountryOrganisationDto(int Id, string Name, string? Acronym, OrganisationType Type, string? RorId);

/// <summary>A seat in a partnership held by the country itself or by one of its organisations.</summary>
public sealed record CountryMembershipDto(int MembershipId, string PartnershipSlug, string PartnershipAcronym, MembershipRole Role,
    int? OrganisationId, string? OrganisationName, string? Joined, string? Left);

public sealed record CountryDetail(
    string Code,
    string Alpha3,
    string Name,
    string? Region,
    string? SubRegion,
    string? IncomeGroup,
    string? CurrencyCode,
    bool IsEuMemberState,
    bool IsSupranational,
    IReadOnlyList<CountryOrganisationDto> Organisations,
    IReadOnlyList<CountryMembershipDto> Memberships,
    IReadOnlyList<AgreementRef> Agreements);

public sealed record CountryCsvRow(string Code, string Alpha3, string Name, string? Region, string? IncomeGroup, bool EuMemberState,
    int Organisations, int Partnerships)
{
    public static CountryCsvRow From(CountrySummary c) =>
        new(c.Code, c.Alpha3, c.Name, c.Region, c.IncomeGroup, c.IsEuMemberState, c.OrganisationCount, c.PartnershipCount);
}
