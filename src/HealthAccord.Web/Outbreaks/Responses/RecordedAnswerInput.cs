using HealthAccord.Data.Outbreaks;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>
/// A funder's answer that reached the secretariat by phone or email, as an editor writes it down through the API: the
/// same fields as <see cref="AnswerInput"/>, and how the answer came.
/// </summary>
/// <param name="Channel">phone or email: how the funder gave the answer.</param>
/// <param name="Acknowledged">True to acknowledge the alert; any other answer acknowledges it too.</param>
/// <param name="WillJoinConvening">Whether the funder will join the convening.</param>
/// <param name="Commitment">newCall, repurposedFunds, inKind or none.</param>
/// <param name="CommitmentAmount">Required for re-purposed funds; a new call's budget when known.</param>
/// <param name="CommitmentCurrency">ISO 4217 code of the amount.</param>
/// <param name="CommitmentNote">Required for in-kind support: what is offered.</param>
/// <param name="CommitmentUrl">Where a new call is published.</param>
/// <param name="Version">The response's version the answer was based on; when given and no longer stored, nothing is saved (409).</param>
public sealed record RecordedAnswerInput(
    string? Channel,
    bool? Acknowledged,
    bool? WillJoinConvening,
    string? Commitment,
    decimal? CommitmentAmount,
    string? CommitmentCurrency,
    string? CommitmentNote,
    string? CommitmentUrl,
    int? Version)
{
    public const string ChannelProblem = "Say how the funder gave this answer: phone or email.";

    public AnswerInput Answer => new(Acknowledged, WillJoinConvening, Commitment, CommitmentAmount, CommitmentCurrency, CommitmentNote, CommitmentUrl, Version);

    /// <summary>Null when the channel is missing or not one of the two.</summary>
    public ResponseChannel? Via => Channel switch
    {
        "phone" => ResponseChannel.Phone,
        "email" => ResponseChannel.Email,
        _ => null,
    };
}
