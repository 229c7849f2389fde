using HealthAccord.Data;
using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

/// <summary>Starts recording a change on the request's (or command's) DbContext. Registered per scope.</summary>
public sealed class ChangeRecorder(HealthAccordDbContext db, HistoryInterceptor interceptor, TimeProvider clock)
{
    /// <summary>The recording in progress on this scope's DbContext, if any.</summary>
    public ChangeRecording? Current => interceptor.ActiveFor(db);

    /// <summary>
    /// Begins a change: opens a transaction (or joins the one already open, whose owner then commits) and watches
    /// every save until the recording is completed or disposed.
    /// </summary>
    public async Task<ChangeRecording> BeginAsync(ChangeAuthor author, ChangeSource source, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var recording = new ChangeRecording(db, interceptor, clock, transaction, author, source);
        interceptor.Attach(db, recording);
        return recording;
    }
}
