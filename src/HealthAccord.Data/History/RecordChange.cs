namespace HealthAccord.Data.History;

/// <summary>
/// The record types whose changes are kept. Child rows (parties, documents, measurements; a grant's countries, pathogens
/// and partnership links) belong to their record. Grants are recorded when edited by hand; imports stay one line each.
/// </summary>
public enum RecordType
{
    Partnership,
    Organisation,
    Membership,
    Agreement,
    Goal,
    Grant,
    Outbreak,
    OutbreakResponse,
}

public enum ChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>
/// What one change set did to one record: its state before and after, in the registry export's record shape, and
/// the fields that differ with their old and new values as people read them.
/// </summary>
public sealed class RecordChange
{
    public long Id { get; set; }
    public long ChangeSetId { get; set; }
    public ChangeSet ChangeSet { get; set; } = null!;

    public RecordType RecordType { get; set; }
    public int RecordId { get; set; }

    /// <summary>The record's name when it changed ("GloPID-R", "France in EDCTP"): still readable after it is renamed or deleted.</summary>
    public required string Label { get; set; }
    public ChangeKind Kind { get; set; }

    /// <summary>The record as JSON before the change; null when it was created.</summary>
    public string? Before { get; set; }

    /// <summary>The record as JSON after the change; null when it was deleted.</summary>
    public string? After { get; set; }

    /// <summary>The changed fields as a JSON array of { field, old, new, removed, added }.</summary>
    public required string Fields { get; set; }

    /// <summary>
    /// The partnership whose page lists this change: the partnership itself, or the one a membership or goal
    /// belongs to. Kept as a column so that page needs no search through the snapshots.
    /// </summary>
    public int? PartnershipId { get; set; }

    /// <summary>The organisation whose page lists this change: the organisation itself, or a membership's holder.</summary>
    public int? OrganisationId { get; set; }
}
