using HealthAccord.Data.Registry;
using HealthAccord.Web.Goals;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Partnerships;

/// <summary>A partnership in lists: who it is, the EU's role and its headline goal with progress.</summary>
public sealed record PartnershipSummary(
    string Slug,
    string Acronym,
    string Name,
    PartnershipKind Kind,
    EuRole EuRole,
    IReadOnlyList<string> Themes,
    int? FoundedYear,
    string? Website,
    int MemberCount,
    GoalDto? HeadlineGoal,
    string Url);

public sealed record MemberDto(
    int MembershipId,
    MembershipRole Role,
    string? Note,
    string? Joined,
    string? Left,
    int? OrganisationId,
    string? OrganisationName,
    string? OrganisationAcronym,
    string? CountryCode,
    string? CountryName);

public sealed record AgreementRef(int Id, string Title, AgreementKind Kind, AgreementStatus Status, string? Signed);

/// <summary>The full record of one partnership.</summary>
public sealed record PartnershipDetail(
    int Id,
    string Slug,
    string Acronym,
    string Name,
    PartnershipKind Kind,
    string Summary,
    string? Mission,
    int? FoundedYear,
    string? Website,
    string? Secretariat,
    IReadOnlyList<string> Themes,
    EuRole EuRole,
    string? EuRoleNote,
    PartnershipStatus Status,
    GoalDto? HeadlineGoal,
    IReadOnlyList<GoalDto> Goals,
    IReadOnlyList<MemberDto> Members,
    IReadOnlyList<AgreementRef> Agreements,
    IReadOnlyList<SourceDto> Sources,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int Version);

/// <summary>One CSV row per partnership.</summary>
public sealed record PartnershipCsvRow(string Slug, string Acronym, string Name, string Kind, string EuRole, string Themes, int? FoundedYear,
    string? Website, int MemberCount, string? HeadlineGoal, string? HeadlineTarget, string? HeadlineProgress)
{
    public static PartnershipCsvRow From(PartnershipSummary p) => new(p.Slug, p.Acronym, p.Name, EnumValues.Spell(p.Kind), EnumValues.Spell(p.EuRole),
        string.Join("; ", p.Themes), p.FoundedYear, p.Website, p.MemberCount, p.HeadlineGoal?.Statement,
        p.HeadlineGoal?.Target is { } t ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(p.HeadlineGoal.Direction == GoalDirection.AtMost ? "at most" : "at least")} {t:0.##} {p.HeadlineGoal.Unit}") : p.HeadlineGoal?.TargetNote,
        (p.HeadlineGoal is null ? null : EnumValues.Spell(p.HeadlineGoal.Progress.Status)));
}
