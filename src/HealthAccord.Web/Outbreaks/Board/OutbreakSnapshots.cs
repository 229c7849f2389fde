using HealthAccord.Data.Outbreaks;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>
/// How an outbreak and a funder's answers are kept in the change history: the fields a reader of the history cares
/// about, flat, so each changed answer reads as one changed field.
/// </summary>
public static class OutbreakSnapshots
{
    public sealed record OutbreakRecord(int Id, string Title, string PathogenCode, string? PathogenNote, DateTime TriggeredAt, WhoGrading WhoGrading,
        bool IsPheic, string? Summary, decimal QuorumShare, DateTime? ConvenedAt, string? ConveningNote, DateTime? ClosedAt,
        IReadOnlyList<string> Countries, IReadOnlyList<int> PartnershipIds);

    public sealed record ResponseRecord(int Id, int OutbreakId, int OrganisationId, DateTime? NotifiedAt, DateTime? AcknowledgedAt,
        bool? WillJoinConvening, CommitmentKind? Commitment, decimal? CommitmentAmount, string? CommitmentCurrency, string? CommitmentNote,
        string? CommitmentUrl, DateTime? CommittedAt);

    public static OutbreakRecord From(Outbreak o) => new(o.Id, o.Title, o.PathogenCode, o.PathogenNote, o.TriggeredAt, o.WhoGrading, o.IsPheic,
        o.Summary, o.QuorumShare, o.ConvenedAt, o.ConveningNote, o.ClosedAt, o.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal).ToList(),
        o.Partnerships.Select(p => p.Id).Order().ToList());

    public static ResponseRecord From(OutbreakResponse r) => new(r.Id, r.OutbreakId, r.OrganisationId, r.NotifiedAt, r.AcknowledgedAt,
        r.WillJoinConvening, r.Commitment, r.CommitmentAmount, r.CommitmentCurrency, r.CommitmentNote, r.CommitmentUrl, r.CommittedAt);
}
