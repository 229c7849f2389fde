using HealthAccord.Data.Outbreaks;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>
/// How a funder's answers are kept in the change history: the fields a reader of the history cares about, flat, so
/// each changed answer reads as one changed field. The outbreak itself is kept as the declaration's
/// <see cref="Declaration.OutbreakSnapshot"/>.
/// </summary>
public static class OutbreakSnapshots
{
    public sealed record ResponseRecord(int Id, int OutbreakId, int OrganisationId, DateTime? NotifiedAt, DateTime? AcknowledgedAt,
        bool? WillJoinConvening, CommitmentKind? Commitment, decimal? CommitmentAmount, string? CommitmentCurrency, string? CommitmentNote,
        string? CommitmentUrl, DateTime? CommittedAt);

    public static ResponseRecord From(OutbreakResponse r) => new(r.Id, r.OutbreakId, r.OrganisationId, r.NotifiedAt, r.AcknowledgedAt,
        r.WillJoinConvening, r.Commitment, r.CommitmentAmount, r.CommitmentCurrency, r.CommitmentNote, r.CommitmentUrl, r.CommittedAt);
}
