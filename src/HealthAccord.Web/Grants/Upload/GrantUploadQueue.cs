using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HealthAccord.Web.Grants.Upload;

/// <summary>
/// Uploaded imports waiting for the worker, which runs them one at a time in the order they came: two imports at
/// once would contend for the same write lock and index. Finished jobs stay readable for their result page until
/// <see cref="KeptFinished"/> newer ones have finished; they live in memory only, like the uploads themselves.
/// </summary>
public sealed class GrantUploadQueue
{
    private const int KeptFinished = 200;

    private readonly Channel<GrantUploadJob> _waiting = Channel.CreateUnbounded<GrantUploadJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, GrantUploadJob> _jobs = new();
    private readonly ConcurrentQueue<Guid> _finished = new();

    public void Enqueue(GrantUploadJob job)
    {
        _jobs[job.Id] = job;
        if (!_waiting.Writer.TryWrite(job)) throw new InvalidOperationException("The upload queue is closed.");
    }

    public GrantUploadJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>How many imports will run before this waiting one.</summary>
    public int AheadOf(GrantUploadJob job) =>
        _jobs.Values.Count(j => !j.IsOver && j.Id != job.Id && (j.State == GrantUploadState.Running || j.QueuedAt < job.QueuedAt));

    internal IAsyncEnumerable<GrantUploadJob> WaitingAsync(CancellationToken ct) => _waiting.Reader.ReadAllAsync(ct);

    internal void Finished(GrantUploadJob job)
    {
        _finished.Enqueue(job.Id);
        while (_finished.Count > KeptFinished && _finished.TryDequeue(out var old)) _jobs.TryRemove(old, out _);
    }
}
