using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants;
using Lucene.Net.Index;
using Lucene.Net.Store;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// A rebuild reads the next batch while writer threads index the batches already read: every grant must still be
/// indexed exactly once, progress must arrive in order, and a failure on either side must end the whole rebuild.
/// </summary>
public sealed class GrantIndexRebuildPipelineTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;

    public GrantIndexRebuildPipelineTests() =>
        _writer = new IndexWriter(_directory, new IndexWriterConfig(GrantDocuments.Version, GrantDocuments.CreateAnalyzer()));

    private static GrantIndexRow Row(long id, string title = "Measles surveillance") =>
        new(id, $"RP-{id}", title, "Serology in district hospitals.", "EUR", 50_000m, new DateOnly(2025, 1, 2), null, null,
            [new GrantIndexParticipant(ParticipantRole.Funder, "Pipeline Fund", "DE")], [], [], []);

    /// <summary>Grants 1..<paramref name="count"/> in batches of <paramref name="size"/>, read after an id as the database would be.</summary>
    private static Func<long, CancellationToken, Task<List<GrantIndexRow>>> Batches(int count, int size, Func<long, GrantIndexRow>? row = null) =>
        async (after, ct) =>
        {
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            return [.. Enumerable.Range((int)after + 1, (int)Math.Max(0, Math.Min(size, count - after))).Select(id => (row ?? (i => Row(i)))(id))];
        };

    private List<long> IndexedIds()
    {
        _writer.Commit();
        using var reader = DirectoryReader.Open(_directory);
        var ids = new List<long>();
        foreach (var leaf in reader.Leaves)
        {
            var values = leaf.AtomicReader.GetNumericDocValues(GrantDocuments.SortId);
            for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++) ids.Add(values.Get(doc));
        }
        return ids;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Every_grant_is_indexed_once_and_progress_counts_up_to_the_total(int writers)
    {
        var reports = new List<GrantIndexProgress>();
        var progress = new GrantIndexMaintenanceTests.SynchronousProgress(p =>
        {
            // Reports come from the writer threads; the pipeline hands them over one at a time.
            lock (reports) reports.Add(p);
        });

        await new GrantIndexRebuildPipeline(_writer, writers, 1_000, progress).RunAsync(Batches(1_000, 37), Ct);

        Assert.Equal(Enumerable.Range(1, 1_000).Select(i => (long)i), IndexedIds().Order());
        Assert.Equal(28, reports.Count);
        Assert.Equal(reports.Select(r => r.Done).Order(), reports.Select(r => r.Done));
        Assert.Equal(new GrantIndexProgress(1_000, 1_000), reports[^1]);
    }

    [Fact]
    public async Task A_failure_to_read_a_batch_ends_the_rebuild_with_that_failure()
    {
        var read = Batches(1_000, 50);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new GrantIndexRebuildPipeline(_writer, 2, 1_000, null).RunAsync((after, ct) =>
                after >= 100 ? throw new InvalidOperationException("The database went away.") : read(after, ct), Ct));

        Assert.Equal("The database went away.", failure.Message);
    }

    [Fact]
    public async Task A_grant_that_cannot_be_indexed_ends_the_rebuild_and_stops_the_reading()
    {
        var batchesRead = 0;
        // A title the document builder refuses, in the third batch of an endless supply.
        var read = Batches(int.MaxValue, 10, id => id == 25 ? Row(id, title: null!) : Row(id));

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            new GrantIndexRebuildPipeline(_writer, 2, 0, null).RunAsync((after, ct) =>
            {
                Interlocked.Increment(ref batchesRead);
                return read(after, ct);
            }, Ct));

        // The supply never ends, so returning at all means the reading stopped; and nothing goes on reading afterwards.
        // How many batches were read first depends on how far the other writer got meanwhile.
        var readBeforeTheEnd = Volatile.Read(ref batchesRead);
        Assert.True(readBeforeTheEnd >= 3, $"Only {readBeforeTheEnd} batches were read, but the bad grant is in the third.");
        await Task.Delay(200, Ct);
        Assert.Equal(readBeforeTheEnd, Volatile.Read(ref batchesRead));
    }

    public void Dispose()
    {
        _writer.Dispose();
        _directory.Dispose();
    }
}
