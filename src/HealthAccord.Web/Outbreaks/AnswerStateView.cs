using HealthAccord.Web.Outbreaks.Board;

namespace HealthAccord.Web.Outbreaks;

/// <summary>What <c>_AnswerState</c> shows above an answer form.</summary>
public sealed record AnswerStateView(OutbreakDetail Outbreak, FunderResponseDto Answer, bool Saved, ConflictNotice? Stale, string? Refusal);
