using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Outbreaks.Board;

public sealed record OutbreakSummary(
    int Id,
    string Title,
    string PathogenCode,
    string Pathogen,
    DateTime TriggeredAt,
    DateTime DeclaredAt,
    WhoGrading WhoGrading,
    bool IsPheic,
    DateTime? ClosedAt,
    double HoursSinceTrigger,
    ClockStatus Status,
    IReadOnlyList<string> Countries)
{
    public bool IsActive => ClosedAt is null;
}

public sealed record MilestoneDto(MilestoneKind Kind, MilestoneState State, DateTime? ReachedAt, double? Hours, string Progress)
{
    public static MilestoneDto From(MilestoneReading m) => new(m.Kind, m.State, m.ReachedAt, m.Hours is { } h ? Math.Round(h, 2) : null, m.Progress);
}

public sealed record ClockDto(DateTime TriggeredAt, DateTime Deadline, DateTime MeasuredAt, bool Stopped, double HoursSinceTrigger, double HoursLeft,
    ClockStatus Status, IReadOnlyList<MilestoneDto> Milestones)
{
    public static ClockDto From(ClockReading r) => new(r.TriggeredAt, r.Deadline, r.MeasuredAt, r.Stopped, Math.Round(r.ElapsedHours, 2),
        Math.Round(r.Remaining.TotalHours, 2), r.Status, r.Milestones.Select(MilestoneDto.From).ToList());
}

public sealed record ResponseStepDto(ResponseStepKind Kind, DateTime At, ResponseChannel Channel, string? Actor, string? Detail);

public sealed record FunderResponseDto(
    int Id,
    int OrganisationId,
    string Organisation,
    DateTime? NotifiedAt,
    DateTime? AcknowledgedAt,
    bool? WillJoinConvening,
    DateTime? ConveningAnsweredAt,
    CommitmentKind? Commitment,
    decimal? CommitmentAmount,
    string? CommitmentCurrency,
    string? CommitmentNote,
    string? CommitmentUrl,
    DateTime? CommittedAt,
    int Version,
    IReadOnlyList<ResponseStepDto> Steps);

public sealed record OutbreakPartnershipDto(int Id, string Slug, string Acronym);

public sealed record OutbreakCountryDto(string Code, string Name);

public sealed record OutbreakDetail(
    int Id,
    string Title,
    string PathogenCode,
    string Pathogen,
    string? PathogenNote,
    DateTime TriggeredAt,
    DateTime DeclaredAt,
    string? DeclaredBy,
    WhoGrading WhoGrading,
    bool IsPheic,
    string? Summary,
    decimal QuorumShare,
    DateTime? ConvenedAt,
    string? ConveningNote,
    DateTime? ClosedAt,
    int Version,
    IReadOnlyList<OutbreakCountryDto> Countries,
    IReadOnlyList<OutbreakPartnershipDto> Partnerships,
    IReadOnlyList<SourceDto> Sources,
    ClockDto Clock,
    IReadOnlyList<FunderResponseDto> Responses);
