using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthAccord.Web.Shared;

/// <summary>
/// A transaction that is either this code's own or one already open on the connection (a recorded change opens one
/// around the whole request). Committing a joined transaction is left to its owner, so code that needs a
/// transaction can ask for one without knowing whether it runs inside another.
/// </summary>
public sealed class JoinedTransaction(IDbContextTransaction? own) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => own?.CommitAsync(ct) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class Transactions
{
    public static async Task<JoinedTransaction> BeginOrJoinTransactionAsync(this DatabaseFacade database, CancellationToken ct) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(ct) : null);
}
