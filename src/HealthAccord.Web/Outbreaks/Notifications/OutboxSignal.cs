namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// Wakes the outbox sender as soon as new messages are committed, so a declaration's alerts leave at once instead
/// of at the next poll. Wakes that arrive while the sender is busy collapse into one: it looks again when done.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        // Already signalled: the sender will look once more anyway.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller released it in between; one wake is enough.
            }
        }
    }

    /// <summary>
    /// Wakes the sender once the current request's response starts, that is after its change has been committed
    /// (the recorded write commits before the result is written); woken earlier, it could look before the commit.
    /// </summary>
    public void WakeAfterCommit(HttpContext http) => http.Response.OnStarting(() =>
    {
        Wake();
        return Task.CompletedTask;
    });

    public Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct) => WaitCoreAsync(timeout, clock, ct);

    private async Task<bool> WaitCoreAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, timer.Token);
        var woken = _wake.WaitAsync(timer.Token);
        var first = await Task.WhenAny(delay, woken);
        await timer.CancelAsync();
        // Let the loser finish observing its cancellation so neither leaves an unobserved fault behind.
        try
        {
            await Task.WhenAll(delay, woken);
        }
        catch (OperationCanceledException)
        {
        }
        ct.ThrowIfCancellationRequested();
        return first == woken && woken.IsCompletedSuccessfully;
    }
}
