using System.Globalization;
using HealthAccord.Web.Outbreaks.Board;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>The answer form shared by the signed-link page and the representative's page, read into the API's <see cref="AnswerInput"/>.</summary>
public sealed class AnswerForm
{
    public bool Acknowledged { get; set; }

    /// <summary>"yes", "no", or empty for no answer yet.</summary>
    public string? WillJoinConvening { get; set; }

    public string? Commitment { get; set; }
    public string? CommitmentAmount { get; set; }
    public string? CommitmentCurrency { get; set; }
    public string? CommitmentNote { get; set; }
    public string? CommitmentUrl { get; set; }
    public int Version { get; set; }

    public static AnswerForm From(FunderResponseDto response) => new()
    {
        Acknowledged = response.AcknowledgedAt is not null,
        WillJoinConvening = response.WillJoinConvening switch { true => "yes", false => "no", null => null },
        Commitment = response.Commitment?.ToString(),
        CommitmentAmount = response.CommitmentAmount?.ToString("0.##", CultureInfo.InvariantCulture),
        CommitmentCurrency = response.CommitmentCurrency,
        CommitmentNote = response.CommitmentNote,
        CommitmentUrl = response.CommitmentUrl,
        Version = response.Version,
    };

    public AnswerInput ToInput(ModelStateDictionary modelState, string prefix)
    {
        decimal? amount = null;
        if (!string.IsNullOrWhiteSpace(CommitmentAmount))
        {
            var text = CommitmentAmount.Trim().Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) amount = parsed;
            else modelState.AddModelError($"{prefix}.{nameof(CommitmentAmount)}", "Write the amount in figures, such as 250000 or 250,000.50.");
        }
        bool? join = WillJoinConvening switch { "yes" => true, "no" => false, _ => null };
        return new AnswerInput(Acknowledged ? true : null, join, string.IsNullOrWhiteSpace(Commitment) ? null : Commitment, amount,
            CommitmentCurrency, CommitmentNote, CommitmentUrl, Version);
    }
}
