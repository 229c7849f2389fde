namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>
/// A funder's answers to an outbreak alert, from the API, the signed-link page or the representative's form. Each part
/// is optional; what is given replaces the stored answer of that kind.
/// </summary>
/// <param name="Acknowledged">True to acknowledge the alert; any other answer acknowledges it too.</param>
/// <param name="WillJoinConvening">Whether the funder will join the convening.</param>
/// <param name="Commitment">newCall, repurposedFunds, inKind or none.</param>
/// <param name="CommitmentAmount">Required for re-purposed funds; a new call's budget when known.</param>
/// <param name="CommitmentCurrency">ISO 4217 code of the amount.</param>
/// <param name="CommitmentNote">Required for in-kind support: what is offered.</param>
/// <param name="CommitmentUrl">Where a new call is published.</param>
/// <param name="Version">The response's version the answer was based on; when given and no longer stored, nothing is saved (409).</param>
public sealed record AnswerInput(
    bool? Acknowledged,
    bool? WillJoinConvening,
    string? Commitment,
    decimal? CommitmentAmount,
    string? CommitmentCurrency,
    string? CommitmentNote,
    string? CommitmentUrl,
    int? Version);
