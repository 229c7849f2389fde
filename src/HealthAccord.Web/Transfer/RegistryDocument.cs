using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Transfer;

/// <summary>
/// The whole registry as one JSON document: the export and import format of the CLI. Records keep their ids,
/// timestamps and versions, so exporting, importing into an empty database and exporting again gives the same records.
/// Reference data (countries, currencies) is not included: every database loads it from the shipped files.
/// </summary>
public sealed record RegistryDocument(
    string Format,
    int FormatVersion,
    DateTime ExportedAt,
    List<OrganisationRecord> Organisations,
    List<PartnershipRecord> Partnerships,
    List<MembershipRecord> Memberships,
    List<AgreementRecord> Agreements,
    List<GoalRecord> Goals)
{
    public const string FormatName = "healthaccord-registry";
    public const int CurrentVersion = 1;
}

public sealed record RecordMeta(List<SourceDto> Sources, DateTime CreatedAt, DateTime UpdatedAt, int Version);

public sealed record OrganisationRecord(int Id, string Name, string? Acronym, OrganisationType Type, string? CountryCode, string? RorId,
    string? Website, bool NeedsReview, List<string> Identifiers, RecordMeta Meta);

public sealed record PartnershipRecord(int Id, string Slug, string Acronym, string Name, PartnershipKind Kind, string Summary, string? Mission,
    int? FoundedYear, string? Website, string? Secretariat, List<string> Themes, EuRole EuRole, string? EuRoleNote, PartnershipStatus Status,
    RecordMeta Meta);

public sealed record MembershipRecord(int Id, int PartnershipId, int? OrganisationId, string? CountryCode, MembershipRole Role, string? Note,
    string? Joined, string? Left, RecordMeta Meta);

public sealed record PartyRecord(int Id, string Name, int? OrganisationId, string? CountryCode);

public sealed record AgreementRecord(int Id, string Title, AgreementKind Kind, AgreementStatus Status, string? StatusNote, string? Signed,
    string? EnteredIntoForce, string? Expires, string? RenewalNote, string? Scope, List<PartyRecord> Parties, List<DocumentRecord> Documents,
    List<int> PartnershipIds, RecordMeta Meta);

public sealed record DocumentRecord(string Title, string Url, string Language);

public sealed record MeasurementRecord(int Id, string? MeasuredOn, string? PeriodLabel, decimal? Value, string ValueText, string SourceUrl,
    string? Note, DateTime CreatedAt);

public sealed record GoalRecord(int Id, int PartnershipId, bool IsHeadline, string Statement, string Indicator, string? Unit,
    GoalDirection Direction, decimal? Target, string? TargetNote, decimal? Baseline, string? BaselineNote, string? Deadline, string? DeadlineNote,
    List<MeasurementRecord> Measurements, RecordMeta Meta);
