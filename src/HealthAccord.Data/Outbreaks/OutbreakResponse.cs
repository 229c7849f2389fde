using HealthAccord.Data.Registry;

namespace HealthAccord.Data.Outbreaks;

/// <summary>
/// One funder's part in the response to an outbreak: created for each member funder on declaration, then filled in
/// as the funder is notified and answers. The latest answer of each kind is held here; every answer is also kept as
/// a <see cref="OutbreakResponseStep"/>, so a changed answer does not hide when the first one came.
/// </summary>
public sealed class OutbreakResponse
{
    public int Id { get; set; }
    public int OutbreakId { get; set; }
    public Outbreak Outbreak { get; set; } = null!;
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;

    public DateTime CreatedAt { get; set; }

    /// <summary>When the first notification to this funder was delivered (UTC); null while none has been.</summary>
    public DateTime? NotifiedAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    /// <summary>Whether the funder will join the convening; null until they say.</summary>
    public bool? WillJoinConvening { get; set; }
    public DateTime? ConveningAnsweredAt { get; set; }

    public CommitmentKind? Commitment { get; set; }

    /// <summary>For re-purposed funds (and a new call when its budget is known), in <see cref="CommitmentCurrency"/>.</summary>
    public decimal? CommitmentAmount { get; set; }
    public string? CommitmentCurrency { get; set; }
    public string? CommitmentNote { get; set; }

    /// <summary>Where a new call is published, so the briefing can list it as an open call.</summary>
    public string? CommitmentUrl { get; set; }
    public DateTime? CommittedAt { get; set; }

    /// <summary>Incremented on every answer; the optimistic-concurrency token.</summary>
    public int Version { get; set; }

    public List<OutbreakResponseStep> Steps { get; set; } = [];
}

public enum CommitmentKind
{
    NewCall,
    RepurposedFunds,
    InKind,

    /// <summary>The funder answered that it commits nothing; an answer, not a commitment, for the clock.</summary>
    None,
}

/// <summary>One timestamped step of a funder's response, in the order it happened.</summary>
public sealed class OutbreakResponseStep
{
    public long Id { get; set; }
    public int ResponseId { get; set; }
    public ResponseStepKind Kind { get; set; }
    public DateTime At { get; set; }

    /// <summary>
    /// How the answer came: a signed link, a signed-in account, the API, the notifier itself, or a phone call or email
    /// to the secretariat that staff wrote down for the funder.
    /// </summary>
    public ResponseChannel Channel { get; set; }

    /// <summary>
    /// Who answered, as a label (an account's name, or "link sent to …"); for an answer staff wrote down, the account of
    /// whoever wrote it down, since they answer for what was recorded.
    /// </summary>
    public string? ActorName { get; set; }

    /// <summary>The answer in words, e.g. "Re-purposed funds: 250000 EUR".</summary>
    public string? Detail { get; set; }
}

public enum ResponseStepKind
{
    Notified,
    Acknowledged,
    ConveningAnswered,
    Committed,
}

public enum ResponseChannel
{
    Notifier,
    SignedLink,
    Account,
    Api,

    /// <summary>The funder answered by phone; an editor or administrator recorded it.</summary>
    Phone,

    /// <summary>The funder answered by email; an editor or administrator recorded it.</summary>
    Email,
}
