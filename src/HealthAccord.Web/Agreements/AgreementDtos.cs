using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Agreements;

public sealed record AgreementSummary(
    int Id,
    string Title,
    AgreementKind Kind,
    AgreementStatus Status,
    string? Signed,
    string? EnteredIntoForce,
    string? Expires,
    IReadOnlyList<string> Parties,
    IReadOnlyList<string> Partnerships,
    string Url);

public sealed record PartyDto(int Id, string Name, int? OrganisationId, string? OrganisationName, string? CountryCode, string? CountryName);

public sealed record DocumentDto(string Title, string Url, string Language);

public sealed record PartnershipRef(string Slug, string Acronym, string Name);

public sealed record AgreementDetail(
    int Id,
    string Title,
    AgreementKind Kind,
    AgreementStatus Status,
    string? StatusNote,
    string? Signed,
    string? EnteredIntoForce,
    string? Expires,
    string? RenewalNote,
    string? Scope,
    IReadOnlyList<PartyDto> Parties,
    IReadOnlyList<DocumentDto> Documents,
    IReadOnlyList<PartnershipRef> Partnerships,
    IReadOnlyList<SourceDto> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

public sealed record AgreementCsvRow(int Id, string Title, string Kind, string Status, string? Signed, string? EnteredIntoForce, string? Expires,
    string Parties, string Partnerships)
{
    public static AgreementCsvRow From(AgreementSummary a) => new(a.Id, a.Title, EnumValues.Spell(a.Kind), EnumValues.Spell(a.Status), a.Signed,
        a.EnteredIntoForce, a.Expires, string.Join("; ", a.Parties), string.Join("; ", a.Partnerships));
}
