namespace HealthAccord.Data.History;

/// <summary>Where a change came from; an edit keeps its source even when the same person makes it.</summary>
public enum ChangeSource
{
    Api,
    Web,
    Import,
    Cli,
    Revert,
}

/// <summary>
/// One write as its author made it: who, when, from where and why, with every registry record it changed. An edit
/// that touches several records (a partnership deleted with its memberships, a goal promoted to headline that
/// demotes another) is one change set, so it is shown, and reverted, as one.
/// </summary>
public sealed class ChangeSet
{
    public long Id { get; set; }

    /// <summary>When the change was saved (UTC), from the application's clock.</summary>
    public DateTime At { get; set; }

    /// <summary>The stable id of whoever made the change: an account id, "api-key", or "cli:" and the system user.</summary>
    public required string ActorId { get; set; }

    /// <summary>The author's name as it read at the time, so a renamed or removed account still explains old changes.</summary>
    public required string ActorName { get; set; }

    public ChangeSource Source { get; set; }

    /// <summary>One line for people: "Updated partnership GloPID-R", "Imported grants from tracker.json: 120 new".</summary>
    public required string Summary { get; set; }

    /// <summary>Set on a revert: the change set it undid.</summary>
    public long? RevertOfId { get; set; }
    public ChangeSet? RevertOf { get; set; }

    public List<RecordChange> Records { get; set; } = [];
}
