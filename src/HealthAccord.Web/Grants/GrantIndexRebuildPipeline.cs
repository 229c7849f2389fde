using System.Threading.Channels;
using Lucene.Net.Index;

namespace HealthAccord.Web.Grants;

/// <summary>
/// The reading and writing of a rebuild, overlapped: the caller's task reads the next batch of grants from the
/// database while writer threads add the documents of the batches already read. Reading was about a quarter of a
/// rebuild's time when each batch waited for the one before to be indexed.
/// </summary>
/// <remarks>
/// Lucene gives each thread that adds documents a segment of its own, so writers share no lock per document; in
/// isolation two writers indexed 200,000 grants in 57% of one writer's time for the same CPU. Documents arrive out of
/// id order, which nothing relies on: every sort ends on the grant id. Writers are threads of their own because
/// Lucene.NET binds its per-thread indexing state to the thread.
/// </remarks>
internal sealed class GrantIndexRebuildPipeline(IndexWriter writer, int writers, int total, IProgress<GrantIndexProgress>? progress)
{
    private readonly System.Threading.Lock _progressLock = new();
    private int _indexed;

    /// <summary>Reads batches with <paramref name="readAfter"/> (the grants after an id, in id order) until one is empty.</summary>
    public async Task RunAsync(Func<long, CancellationToken, Task<List<GrantIndexRow>>> readAfter, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<List<GrantIndexRow>>(new BoundedChannelOptions(1)
        {
            SingleWriter = true,
        });
        var writing = Enumerable.Range(0, Math.Max(1, writers))
            .Select(_ => Task.Factory.StartNew(() => Write(batches.Reader, stop), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        try
        {
            long after = 0;
            while (true)
            {
                var batch = await readAfter(after, stop.Token);
                if (batch.Count == 0) break;
                await batches.Writer.WriteAsync(batch, stop.Token);
                after = batch[^1].Id;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // A writer failed and stopped the reading; its exception is the one to report, below.
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            batches.Writer.TryComplete();
            // The writer threads use the IndexWriter, which the caller commits or rolls back: they must be done first.
            await StageTasks.AllEnded(writing);
        }
        StageTasks.ThrowFirstFailure(writing);
        ct.ThrowIfCancellationRequested();
    }

    private void Write(ChannelReader<List<GrantIndexRow>> batches, CancellationTokenSource stop)
    {
        var documents = new GrantDocumentBuilder();
        try
        {
            // Blocking is what this thread is for: it has nothing else to do while the next batch is read.
            while (batches.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                if (!batches.TryRead(out var batch)) continue;
                foreach (var row in batch)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    writer.AddDocument(documents.Build(row));
                }
                Report(batch.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>One report at a time, so they arrive in order and a caller's progress handler needs no lock of its own.</summary>
    private void Report(int count)
    {
        lock (_progressLock)
        {
            _indexed += count;
            progress?.Report(new GrantIndexProgress(_indexed, Math.Max(total, _indexed)));
        }
    }
}
