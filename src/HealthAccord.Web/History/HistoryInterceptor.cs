using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealthAccord.Web.History;

/// <summary>
/// Lets an active <see cref="ChangeRecording"/> see every save of its DbContext: just before the rows are written it
/// reads the affected records' "before" state (in the same transaction), and after the database has assigned ids it
/// learns which records were new. A context with no active recording is not affected at all.
/// </summary>
public sealed class HistoryInterceptor : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, ChangeRecording> _active = new();

    internal void Attach(DbContext context, ChangeRecording recording)
    {
        if (!_active.TryAdd(context, recording))
            throw new InvalidOperationException("A change is already being recorded on this DbContext; finish it before starting another.");
    }

    internal void Detach(DbContext context) => _active.Remove(context);

    internal ChangeRecording? ActiveFor(DbContext? context) =>
        context is not null && _active.TryGetValue(context, out var recording) && !recording.IsCompleting ? recording : null;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (ActiveFor(eventData.Context) is { } recording) await recording.BeforeSaveAsync(cancellationToken);
        return result;
    }

    /// <summary>Reading the "before" state needs the database, which a synchronous save cannot wait for.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (ActiveFor(eventData.Context) is not null)
            throw new InvalidOperationException("Changes that are recorded in the history must be saved with SaveChangesAsync.");
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ActiveFor(eventData.Context)?.AfterSave();
        return ValueTask.FromResult(result);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ActiveFor(eventData.Context)?.SaveFailed();
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ActiveFor(eventData.Context)?.SaveFailed();
        return Task.CompletedTask;
    }
}
