using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants.Import.Sqlite;
using HealthAccord.Web.Grants.Links;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// The options of one import. <paramref name="Sha256"/> gives the file's SHA-256 for the import log; it is asked for only
/// when the import is about to commit, so a refused file (a 2 GiB line, say) is never read a second time just to hash it.
/// </summary>
public sealed record GrantImportOptions(string FileName, string Format, Func<CancellationToken, Task<string>> Sha256, bool SkipInvalid)
{
    /// <summary>Who imports, for the history; the command line's user when not given.</summary>
    public History.ChangeAuthor? Author { get; init; }
}

public sealed record GrantImportOutcome(
    ImportStatus Status,
    int RowsRead,
    int GrantsImported,
    int GrantsUpdated,
    int RowsInvalid,
    int OrganisationsCreated,
    IReadOnlyList<RowError> Issues,
    int IssuesNotListed)
{
    public bool Succeeded => Status == ImportStatus.Succeeded;

    /// <summary>Grants the database already held with the same values; nothing about them was written.</summary>
    public int GrantsUnchanged { get; init; }

    /// <summary>Documents written to the search index, or null when the import did not update it.</summary>
    public int? GrantsIndexed { get; init; }

    /// <summary>Why the search index was not updated although the caller asked for it (it is in use, say).</summary>
    public string? IndexProblem { get; init; }

    public GrantImportTimings? Timings { get; init; }
}

/// <summary>
/// Writes what a reader yields into the database as one transaction: either every valid grant of the file is stored
/// (inserted, or updated in place when its identifier is known and a value changed), or, when the file is refused,
/// nothing is. A file is refused for any file-level error, and for any invalid row unless the caller asked to skip
/// invalid rows. A crash or kill mid-file leaves the transaction uncommitted, so the database is as it was before
/// the file. The outcome lists the problems (row, field, value, reason).
/// </summary>
/// <remarks>
/// The work runs as a pipeline of three stages joined by bounded queues, so on a machine with more than one core they
/// overlap: the caller's thread reads, checks and prepares grants (organisation matching, pathogen and HRCS tags,
/// euro amounts); one task stores them (<see cref="SqliteGrantStore"/> on SQLite, <see cref="EfGrantStore"/> on
/// PostgreSQL); another writes their search documents, when an index is given. The index commits right after the
/// database and rolls back with it (see <see cref="GrantIndex.ImportSession"/>). The queues hold a few batches, so
/// memory does not grow with the file.
/// </remarks>
public sealed class GrantImporter(HealthAccordDbContext db, ExchangeRates rates, PathogenTagger tagger, HrcsCategories hrcs, TimeProvider clock,
    GrantIndex? index = null)
{
    private const int BatchSize = 512;
    /// <summary>
    /// Batches each queue holds. Two measured no slower than four, and each batch not queued is 512
    /// grants with their texts that the heap need not hold: at a million grants, two instead of four and the smaller
    /// page cache of <see cref="SqliteGrantStore.LoadCacheKib"/> together lowered the peak from 441 to 400 MB.
    /// </summary>
    private const int BatchesQueued = 2;
    private const int MaxIssuesListed = 10_000;

    public async Task<GrantImportOutcome> ImportAsync(IAsyncEnumerable<ReadResult> rows, GrantImportOptions options,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var total = Stopwatch.StartNew();
        var started = clock.GetUtcNow().UtcDateTime;
        var reading = new StageClock();
        var preparing = new StageClock();
        var storing = new StageClock();
        var indexing = new StageClock();
        var issues = new List<RowError>();
        var issuesNotListed = 0;
        var read = 0;
        var invalid = 0;
        var refused = false;
        var counts = new WriteCounts();

        await using var store = db.Database.IsSqlite() ? (IGrantStore)new SqliteGrantStore(db, clock) : new EfGrantStore(db, clock);
        var (countries, matcher) = await store.BeginAsync(ct);
        // The registry's partnerships, seats and countries, read once inside the import's transaction.
        var linker = await PartnershipLinker.LoadAsync(db, ct);
        var preparation = new GrantPreparation(rates, tagger, hrcs, matcher, countries, linker);
        var (session, indexProblem) = await OpenIndexAsync(ct);
        using var indexSession = session;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var toStore = Channel.CreateBounded<List<PreparedGrant>>(new BoundedChannelOptions(BatchesQueued) { SingleReader = true, SingleWriter = true });
        var toIndex = indexSession is null ? null
            : Channel.CreateBounded<List<PreparedGrant>>(new BoundedChannelOptions(BatchesQueued) { SingleReader = true, SingleWriter = true });
        var storeStage = Task.Run(() => StoreStageAsync(toStore.Reader, toIndex?.Writer, store, counts, storing, stop), CancellationToken.None);
        // One indexing thread: a second one took more CPU and more time on two cores, where it competes with the other
        // stages and the garbage collector (the import README, "Where the time goes"). A thread of its own rather than an awaiting loop on the pool, which moved
        // between pool threads from batch to batch, while Lucene.NET binds its per-thread indexing state to a thread.
        var indexStage = indexSession is null ? Task.CompletedTask
            : Task.Factory.StartNew(() => IndexStage(toIndex!.Reader, indexSession, counts, indexing, stop), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            var batch = new List<PreparedGrant>(BatchSize);
            await using var results = rows.GetAsyncEnumerator(ct);
            while (true)
            {
                var readStart = Stopwatch.GetTimestamp();
                var more = await results.MoveNextAsync();
                reading.AddSince(readStart);
                if (!more) break;
                var result = results.Current;
                foreach (var issue in result.Issues)
                {
                    if (issues.Count < MaxIssuesListed) issues.Add(issue);
                    else issuesNotListed++;
                }
                if (result.IsFileError)
                {
                    refused = true;
                    continue;
                }
                read++;
                if (read % 1000 == 0) progress?.Report(read);
                if (!result.IsValid)
                {
                    invalid++;
                    refused |= !options.SkipInvalid;
                    continue;
                }
                if (refused)
                {
                    // Keep reading so the report covers the whole file, but write nothing more.
                    stop.Cancel();
                    continue;
                }
                var prepareStart = Stopwatch.GetTimestamp();
                PreparedGrant prepared;
                try
                {
                    prepared = preparation.Prepare(result.Record!);
                }
                catch (RegexMatchTimeoutException timeout)
                {
                    // A text on which a tagging pattern runs away is that row's problem, reported like any other,
                    // not the end of the whole import.
                    var issue = new RowError(result.Row, "description", null,
                        $"The grant's text could not be tagged for pathogens within {timeout.MatchTimeout.TotalSeconds:0.#} s " +
                        "(a tagging rule ran too long on it); shorten or clean the title and description and import it again.");
                    if (issues.Count < MaxIssuesListed) issues.Add(issue);
                    else issuesNotListed++;
                    invalid++;
                    refused |= !options.SkipInvalid;
                    continue;
                }
                batch.Add(prepared);
                preparing.AddSince(prepareStart);
                if (batch.Count < BatchSize) continue;
                await toStore.Writer.WriteAsync(batch, stop.Token);
                batch = new List<PreparedGrant>(BatchSize);
            }
            progress?.Report(read);
            if (refused) stop.Cancel();
            else if (batch.Count > 0) await toStore.Writer.WriteAsync(batch, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // A later stage failed and stopped the pipeline; its exception is the one to report, below.
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            toStore.Writer.TryComplete();
            // The stages use the store and the index: they must be finished before either is committed or disposed.
            await StageTasks.AllEnded([storeStage, indexStage]);
        }

        if (refused)
        {
            // A refused file leaves no trace in the database or the index, not even a log row: the report goes to the
            // caller. Disposing the store and the session rolls both back.
            return new GrantImportOutcome(ImportStatus.Rejected, read, 0, 0, invalid, 0, issues, issuesNotListed);
        }
        StageTasks.ThrowFirstFailure([storeStage, indexStage]);
        ct.ThrowIfCancellationRequested();

        var commitStart = Stopwatch.GetTimestamp();
        // The index's segments are written and synced before the database commits, so a failure there (a full disk)
        // still refuses the whole import; what remains after the database commit is a small, final step.
        indexSession?.Prepare();
        var message = string.Join(" ", new[]
        {
            invalid > 0 ? $"{invalid} invalid row(s) skipped." : null,
            counts.Unchanged > 0 ? $"{counts.Unchanged} grant(s) unchanged." : null,
        }.OfType<string>());
        var outcome = new GrantImportOutcome(ImportStatus.Succeeded, read, counts.Inserted, counts.Updated, invalid, preparation.OrganisationsCreated,
            issues, issuesNotListed)
        {
            GrantsUnchanged = counts.Unchanged,
        };
        await store.CommitAsync(Run(options, await options.Sha256(ct), started, read, counts.Inserted + counts.Updated, invalid, message.Length == 0 ? null : message),
            History.ImportChangeSets.ForGrants(options, outcome, clock.GetUtcNow().UtcDateTime), ct);
        int? indexed = null;
        if (indexSession is not null)
        {
            try
            {
                indexSession.Commit();
                indexed = counts.Indexed;
            }
            catch (IOException e)
            {
                indexProblem = $"the grants are stored, but the search index could not be updated ({e.Message}); run `reindex`.";
            }
        }
        var timings = new GrantImportTimings(reading.Elapsed, preparing.Elapsed, storing.Elapsed, indexing.Elapsed,
            Stopwatch.GetElapsedTime(commitStart), total.Elapsed);
        return outcome with
        {
            GrantsIndexed = indexed,
            IndexProblem = indexProblem,
            Timings = timings,
        };
    }

    private async Task<(GrantIndex.ImportSession? Session, string? Problem)> OpenIndexAsync(CancellationToken ct)
    {
        if (index is null) return (null, null);
        try
        {
            return (await index.BeginImportAsync(ct), null);
        }
        catch (LockObtainFailedException)
        {
            // The database is the record; the index follows it. If another process (a running server) holds the
            // index, the grants are stored all the same and `reindex` brings search up to date later.
            return (null, "the search index is in use by a running server; run `reindex` once it is stopped.");
        }
    }

    private static async Task StoreStageAsync(ChannelReader<List<PreparedGrant>> input, ChannelWriter<List<PreparedGrant>>? output,
        IGrantStore store, WriteCounts counts, StageClock clock, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in input.ReadAllAsync(stop.Token))
            {
                var start = Stopwatch.GetTimestamp();
                await store.WriteAsync(batch, stop.Token);
                clock.AddSince(start);
                counts.Add(batch);
                if (output is not null) await output.WriteAsync(batch, stop.Token);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            output?.TryComplete();
        }
    }

    private static void IndexStage(ChannelReader<List<PreparedGrant>> input, GrantIndex.ImportSession session, WriteCounts counts,
        StageClock clock, CancellationTokenSource stop)
    {
        try
        {
            // Blocking is what this thread is for: it has nothing else to do while the store stage fills the channel.
            while (input.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
            {
                if (!input.TryRead(out var batch)) continue;
                var start = Stopwatch.GetTimestamp();
                foreach (var grant in batch)
                {
                    // An unchanged grant's document is already in the index as it would be written again.
                    if (!grant.NeedsIndexing) continue;
                    session.Add(grant.ToIndexRow(), isNew: grant.Result == GrantWriteResult.Inserted);
                    Interlocked.Increment(ref counts.Indexed);
                }
                clock.AddSince(start);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>Counted by the store stage, read by the caller once the stages have finished.</summary>
    private sealed class WriteCounts
    {
        public int Inserted;
        public int Updated;
        public int Unchanged;
        public int Indexed;

        public void Add(List<PreparedGrant> batch)
        {
            foreach (var grant in batch)
            {
                switch (grant.Result)
                {
                    case GrantWriteResult.Inserted:
                        Inserted++;
                        break;
                    case GrantWriteResult.Updated:
                        Updated++;
                        break;
                    default:
                        Unchanged++;
                        break;
                }
            }
        }
    }

    private ImportRun Run(GrantImportOptions options, string sha256, DateTime started, int read, int imported, int invalid, string? message) =>
        new()
        {
            FileName = options.FileName,
            Format = options.Format,
            Sha256 = sha256,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Succeeded,
            RowsRead = read,
            GrantsImported = imported,
            RowsInvalid = invalid,
            Message = message,
        };
}
