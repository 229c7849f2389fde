using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthAccord.Web.History;

/// <summary>
/// One change being made, from its first save to its commit. Every save of the DbContext while it is active is
/// watched (through <see cref="HistoryInterceptor"/>): the first time a record is touched its state is read as it
/// was; <see cref="CompleteAsync"/> reads every touched record again, stores what differs as a
/// <see cref="ChangeSet"/>, and commits the edit and its history together. Disposed without completing, it rolls
/// the edit back, so a failed edit leaves neither changes nor history.
/// </summary>
public sealed class ChangeRecording : IAsyncDisposable
{
    private readonly HealthAccordDbContext _db;
    private readonly HistoryInterceptor _interceptor;
    private readonly TimeProvider _clock;
    private readonly IDbContextTransaction? _transaction;
    private readonly List<RecordKey> _touched = [];
    private readonly Dictionary<RecordKey, JsonObject?> _before = [];
    private readonly List<RecordKey> _touchedByThisSave = [];
    private readonly List<RegistryRecord> _added = [];
    private bool _completed;
    private bool _action;
    private ChangeSet? _written;

    internal ChangeRecording(HealthAccordDbContext db, HistoryInterceptor interceptor, TimeProvider clock, IDbContextTransaction? transaction,
        ChangeAuthor author, ChangeSource source)
    {
        _db = db;
        _interceptor = interceptor;
        _clock = clock;
        _transaction = transaction;
        Author = author;
        Source = source;
    }

    public ChangeAuthor Author { get; }

    public ChangeSource Source { get; set; }

    /// <summary>Set by a revert: the change set it undoes.</summary>
    public long? RevertOfId { get; set; }

    /// <summary>A summary to store instead of the one made from the changed records (an import names its file).</summary>
    public string? Summary { get; set; }

    /// <summary>
    /// Marks the change as an action worth a line in the history although it changes no registry record (queueing an
    /// outbreak alert again), so the audit log still tells who did it and when; the summary is that line.
    /// </summary>
    public void RecordAction(string summary)
    {
        Summary = summary;
        _action = true;
    }

    /// <summary>True while the history itself is being saved, which is not a registry change.</summary>
    internal bool IsCompleting { get; private set; }

    internal async Task BeforeSaveAsync(CancellationToken ct)
    {
        var keys = new List<RecordKey>();
        var deletedPartnerships = new List<int>();
        foreach (var entry in _db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            AffectedRecords.Classify(entry, out var key, out var added);
            if (added is not null) _added.Add(added);
            if (key is not { } k) continue;
            keys.Add(k);
            if (entry.Entity is Partnership && entry.State == EntityState.Deleted) deletedPartnerships.Add(k.Id);
        }
        keys.AddRange(await AffectedRecords.CascadedFromAsync(_db, deletedPartnerships, ct));

        foreach (var group in keys.Distinct().Where(k => !_before.ContainsKey(k)).GroupBy(k => k.Type))
        {
            var snapshots = await RecordSnapshots.LoadAsync(_db, group.Key, group.Select(k => k.Id).ToList(), ct);
            foreach (var key in group) Touch(key, snapshots.GetValueOrDefault(key.Id));
        }
    }

    internal void AfterSave()
    {
        // New records have their ids now; they did not exist before this change.
        foreach (var record in _added)
        {
            var key = new RecordKey(AffectedRecords.TypeOf(record.GetType())!.Value, record.Id);
            if (!_before.ContainsKey(key)) Touch(key, null);
        }
        _added.Clear();
        _touchedByThisSave.Clear();
    }

    /// <summary>
    /// A save that failed wrote nothing; what it read as "before" may be stale by the time the caller retries, so
    /// it is forgotten and read again then.
    /// </summary>
    internal void SaveFailed()
    {
        foreach (var key in _touchedByThisSave)
        {
            _before.Remove(key);
            _touched.Remove(key);
        }
        _added.Clear();
        _touchedByThisSave.Clear();
    }

    private void Touch(RecordKey key, JsonObject? before)
    {
        _before[key] = before;
        _touched.Add(key);
        _touchedByThisSave.Add(key);
    }

    /// <summary>
    /// Stores the history of everything saved since the recording began and commits. Returns the change set, or null
    /// when nothing any reader could see changed (a write of identical values). Calling it again returns the same.
    /// </summary>
    public async Task<ChangeSet?> CompleteAsync(CancellationToken ct)
    {
        if (_completed) return _written;
        IsCompleting = true;
        var after = new Dictionary<RecordKey, JsonObject?>();
        foreach (var group in _touched.GroupBy(k => k.Type))
        {
            var snapshots = await RecordSnapshots.LoadAsync(_db, group.Key, group.Select(k => k.Id).ToList(), ct);
            foreach (var key in group) after[key] = snapshots.GetValueOrDefault(key.Id);
        }
        var labels = await RecordLabels.LoadAsync(_db,
            _touched.SelectMany(k => new[] { _before[k], after[k] }.OfType<JsonObject>().Select(s => (k.Type, s))), ct);

        var records = new List<RecordChange>();
        foreach (var key in _touched)
        {
            if (ChangeOf(key, _before[key], after[key], labels) is { } change) records.Add(change);
        }
        // An import, or an action such as sending an alert again, is worth a line in the history even when it changed no registry record.
        if (records.Count > 0 || Source == ChangeSource.Import || _action)
        {
            _written = new ChangeSet
            {
                At = _clock.GetUtcNow().UtcDateTime,
                ActorId = Author.Id,
                ActorName = Author.Name,
                Source = Source,
                Summary = ChangeSummaries.Fit(Summary ?? ChangeSummaries.Describe(records)),
                RevertOfId = RevertOfId,
                Records = records,
            };
            _db.ChangeSets.Add(_written);
            await _db.SaveChangesAsync(ct);
        }
        if (_transaction is not null) await _transaction.CommitAsync(ct);
        _completed = true;
        return _written;
    }

    private static RecordChange? ChangeOf(RecordKey key, JsonObject? before, JsonObject? after, RecordLabels labels)
    {
        if (before is null && after is null) return null; // created and removed again within the same change
        var kind = before is null ? ChangeKind.Created : after is null ? ChangeKind.Deleted : ChangeKind.Updated;
        var fields = FieldDiff.Compare(key.Type, before, after, labels);
        if (kind == ChangeKind.Updated && fields.Count == 0) return null;
        var latest = after ?? before!;
        return new RecordChange
        {
            RecordType = key.Type,
            RecordId = key.Id,
            Label = ChangeSummaries.Fit(labels.Of(key.Type, latest), Limits.Title),
            Kind = kind,
            Before = before?.ToJsonString(RecordSnapshots.Json),
            After = after?.ToJsonString(RecordSnapshots.Json),
            Fields = FieldChange.Serialize(fields),
            PartnershipId = key.Type switch
            {
                RecordType.Partnership => key.Id,
                RecordType.Membership or RecordType.Goal => (int?)latest["partnershipId"],
                _ => null,
            },
            OrganisationId = key.Type switch
            {
                RecordType.Organisation => key.Id,
                RecordType.Membership or RecordType.OutbreakResponse => (int?)latest["organisationId"],
                _ => null,
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        _interceptor.Detach(_db);
        if (_transaction is null) return;
        if (!_completed)
        {
            await _transaction.RollbackAsync();
            // The tracked entities describe rows that were just rolled back; nothing later in the request may trust them.
            _db.ChangeTracker.Clear();
        }
        await _transaction.DisposeAsync();
    }
}
