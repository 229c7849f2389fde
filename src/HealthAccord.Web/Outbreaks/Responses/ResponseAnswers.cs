using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>Who answered and how, as the recorded step will say.</summary>
public sealed record Answerer(ResponseChannel Channel, string Name);

/// <summary>
/// Applies a funder's answers to its response: each answer that changes something sets the response's fields and adds
/// a timestamped <see cref="OutbreakResponseStep"/>; an answer identical to the stored one adds nothing. Answers to a
/// closed outbreak are refused. The caller decides who may answer (a valid signed link, or the write rules).
/// </summary>
public static class ResponseAnswers
{
    public static async Task<OutbreakResponse?> LoadAsync(HealthAccordDbContext db, int outbreakId, int responseId, CancellationToken ct) =>
        await db.OutbreakResponses.Include(r => r.Outbreak).Include(r => r.Organisation)
            .SingleOrDefaultAsync(r => r.Id == responseId && r.OutbreakId == outbreakId, ct);

    public static async Task<WriteOutcome<OutbreakResponse>> ApplyAsync(HealthAccordDbContext db, OutbreakResponse response, AnswerInput input,
        Answerer answerer, DateTime now, CancellationToken ct)
    {
        if (response.Outbreak.ClosedAt is not null) return OutbreakSteeringWrites.Closed(response.Outbreak);
        var validation = new Validation();
        var (kind, currency) = await ValidateAsync(db, input, validation, ct);
        if (!validation.IsValid) return validation;
        if (input.Version is { } expected && expected != response.Version) return Preconditions.Conflict();

        var steps = new List<OutbreakResponseStep>();
        void Step(ResponseStepKind stepKind, string detail) =>
            steps.Add(new OutbreakResponseStep { Kind = stepKind, At = now, Channel = answerer.Channel, ActorName = answerer.Name, Detail = detail });

        var answersSomething = input.WillJoinConvening is not null || kind is not null;
        if ((input.Acknowledged == true || answersSomething) && response.AcknowledgedAt is null)
        {
            response.AcknowledgedAt = now;
            Step(ResponseStepKind.Acknowledged, "Acknowledged the alert");
        }
        if (input.WillJoinConvening is { } join && join != response.WillJoinConvening)
        {
            response.WillJoinConvening = join;
            response.ConveningAnsweredAt = now;
            Step(ResponseStepKind.ConveningAnswered, join ? "Will join the convening" : "Will not join the convening");
        }
        if (kind is { } k)
        {
            var amount = k is CommitmentKind.RepurposedFunds or CommitmentKind.NewCall ? input.CommitmentAmount : null;
            var money = amount is null ? null : currency;
            var note = k == CommitmentKind.None ? null : Persistence.Clean(input.CommitmentNote);
            var url = k == CommitmentKind.NewCall ? Persistence.Clean(input.CommitmentUrl) : null;
            if (k != response.Commitment || amount != response.CommitmentAmount || money != response.CommitmentCurrency
                || note != response.CommitmentNote || url != response.CommitmentUrl)
            {
                // The commitment's time is when this kind was first answered; refining its details does not move it.
                if (k != response.Commitment) response.CommittedAt = now;
                response.Commitment = k;
                response.CommitmentAmount = amount;
                response.CommitmentCurrency = money;
                response.CommitmentNote = note;
                response.CommitmentUrl = url;
                Step(ResponseStepKind.Committed, Describe(k, amount, money, note, url));
            }
        }
        if (steps.Count == 0) return response;
        response.Steps.AddRange(steps);
        response.Version++;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return response;
    }

    public static string Describe(CommitmentKind kind, decimal? amount, string? currency, string? note, string? url)
    {
        var parts = new List<string> { OutbreakText.Label(kind) };
        if (amount is { } a && currency is not null) parts.Add(OutbreakText.Money(a, currency));
        if (url is not null) parts.Add(url);
        if (note is not null) parts.Add(note);
        var text = string.Join(": ", parts.Take(2)) + (parts.Count > 2 ? " (" + string.Join("; ", parts.Skip(2)) + ")" : "");
        return text.Length <= Limits.Note ? text : text[..(Limits.Note - 1)] + "…";
    }

    /// <summary>What is wrong with an answer, without applying it: lets a page mark every field in one go.</summary>
    public static async Task<Validation> CheckAsync(HealthAccordDbContext db, AnswerInput input, CancellationToken ct)
    {
        var validation = new Validation();
        await ValidateAsync(db, input, validation, ct);
        return validation;
    }

    private static async Task<(CommitmentKind? Kind, string? Currency)> ValidateAsync(HealthAccordDbContext db, AnswerInput input, Validation validation,
        CancellationToken ct)
    {
        if (input.Acknowledged is null && input.WillJoinConvening is null && string.IsNullOrWhiteSpace(input.Commitment))
            validation.Add("acknowledged", "Give at least one answer: acknowledge the alert, say whether you will join the convening, or state a commitment.");
        if (input.Acknowledged == false)
            validation.Add("acknowledged", "An acknowledgement cannot be withdrawn; leave it out to answer something else.");
        CommitmentKind? kind = null;
        if (!string.IsNullOrWhiteSpace(input.Commitment))
        {
            if (Enum.TryParse<CommitmentKind>(input.Commitment.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                && !int.TryParse(input.Commitment, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                kind = parsed;
            else validation.Add("commitment", "Choose one of: newCall, repurposedFunds, inKind, none.");
        }
        string? currency = null;
        if (kind is CommitmentKind.RepurposedFunds or CommitmentKind.NewCall)
        {
            if (kind == CommitmentKind.RepurposedFunds && input.CommitmentAmount is null)
                validation.Add("commitmentAmount", "Give the amount of the re-purposed funds.");
            if (input.CommitmentAmount is { } amount)
            {
                if (amount <= 0) validation.Add("commitmentAmount", "The amount must be more than zero.");
                else if (amount >= 1_000_000_000_000m) validation.Add("commitmentAmount", "The amount is too large to be a funding commitment.");
                currency = Persistence.Clean(input.CommitmentCurrency)?.ToUpperInvariant();
                if (currency is null) validation.Add("commitmentCurrency", "Give the ISO 4217 currency code of the amount, such as EUR or USD.");
                else if (currency.Length != 3 || !await db.Currencies.AnyAsync(c => c.Code == currency, ct))
                    validation.Add("commitmentCurrency", $"'{input.CommitmentCurrency}' is not an ISO 4217 currency code (such as EUR or USD).");
            }
        }
        if (kind == CommitmentKind.NewCall) validation.Url("commitmentUrl", input.CommitmentUrl);
        if (kind == CommitmentKind.InKind && string.IsNullOrWhiteSpace(input.CommitmentNote))
            validation.Add("commitmentNote", "Say what in-kind support is offered.");
        validation.Length("commitmentNote", input.CommitmentNote, Limits.Note);
        return (kind, currency);
    }
}
