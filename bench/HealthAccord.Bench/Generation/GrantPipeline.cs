using System.Collections.Concurrent;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// Fills grants on a background thread while the caller writes the ones before, so on two cores making grants and
/// serialising them overlap. Grants travel in recycled batches, so memory stays at a few batches whatever the count,
/// and in order, so the output is the same as a single-threaded run.
/// </summary>
internal sealed class GrantPipeline : IDisposable
{
    private const int BatchSize = 512;
    private const int BatchesInFlight = 4;

    private readonly BlockingCollection<GrantBatch> _filled = new(BatchesInFlight);
    private readonly BlockingCollection<GrantBatch> _empty = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;

    public GrantPipeline(GrantFactory factory, long count)
    {
        for (var i = 0; i <= BatchesInFlight; i++) _empty.Add(new GrantBatch(BatchSize));
        _producer = Task.Factory.StartNew(() => Produce(factory, count), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Filled batches in grant order; each batch is reused once the loop moves past it.</summary>
    public IEnumerable<GrantBatch> Batches()
    {
        foreach (var batch in _filled.GetConsumingEnumerable())
        {
            yield return batch;
            _empty.Add(batch);
        }
        // Rethrows a failure in the producer instead of reporting a short run as a success.
        _producer.GetAwaiter().GetResult();
    }

    private void Produce(GrantFactory factory, long count)
    {
        try
        {
            for (long next = 1; next <= count;)
            {
                var batch = _empty.Take(_stop.Token);
                batch.Count = (int)Math.Min(BatchSize, count - next + 1);
                for (var i = 0; i < batch.Count; i++) factory.Fill(batch.Grants[i], next + i);
                next += batch.Count;
                _filled.Add(batch, _stop.Token);
            }
        }
        finally
        {
            _filled.CompleteAdding();
        }
    }

    public void Dispose()
    {
        // The writer may stop early (a full disk, say); the producer must not stay blocked on a full queue.
        _stop.Cancel();
        // Waits without rethrowing: Batches() has already reported any failure, and a cancelled producer is expected here.
        ((IAsyncResult)_producer).AsyncWaitHandle.WaitOne();
        _stop.Dispose();
        _filled.Dispose();
        _empty.Dispose();
    }
}

internal sealed class GrantBatch(int capacity)
{
    public SyntheticGrant[] Grants { get; } = Enumerable.Range(0, capacity).Select(_ => new SyntheticGrant()).ToArray();
    public int Count { get; set; }
}
