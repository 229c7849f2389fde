using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Web.Data;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace HealthAccord.Web.Grants;

public sealed record GrantIndexUpdate(int Indexed, int Removed);

public sealed record GrantIndexProgress(int Done, int Total);

public sealed record GrantIndexRebuild(int Indexed, TimeSpan Elapsed, string Folder);

/// <summary>
/// The Lucene index of grants, kept in a folder beside the database (<c>Search:IndexPath</c>; by default
/// <c>grants-index</c> next to the SQLite file). One writer and one near-real-time searcher manager serve the app's
/// whole life. The database stays the truth: the index only finds ids, and searches read the grants back from the
/// database (<see cref="GrantSearch"/>).
/// <para>
/// The folder holds generations (one sub-folder each) and a <c>current</c> file naming the one in use. A rebuild
/// writes a new generation and then replaces <c>current</c> with a rename, which is atomic, so a rebuild that fails
/// or is cancelled leaves the old index serving. Another process (the <c>reindex</c> verb) may do the same; this
/// instance notices the new <c>current</c> and switches to it.
/// </para>
/// </summary>
public sealed partial class GrantIndex : IDisposable
{
    public const int DefaultRebuildBatchSize = 10_000;
    private const string PointerFile = "current";
    private const int IdsPerQuery = 1_000;

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<GrantIndex> _logger;
    private readonly Analyzer _analyzer = GrantDocuments.CreateAnalyzer();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _rebuildGate = new(1, 1);
    private readonly System.Threading.Lock _stateLock = new();
    private IndexState? _state;
    private volatile ConcurrentDictionary<long, bool>? _changedDuringRebuild;
    private long _staleHitsDropped;
    private bool _disposed;

    public GrantIndex(IConfiguration configuration, IServiceScopeFactory scopes, ILogger<GrantIndex> logger)
    {
        _scopes = scopes;
        _logger = logger;
        Folder = ResolveFolder(configuration);
        RebuildBatchSize = Math.Max(1, configuration.GetValue("Search:RebuildBatchSize", DefaultRebuildBatchSize));
    }

    /// <summary>The folder holding the index generations.</summary>
    public string Folder { get; }

    public int RebuildBatchSize { get; }

    /// <summary>
    /// Whether index files are memory-mapped (Lucene's choice for 64-bit systems, and the fastest for searching).
    /// A process that only writes, such as the <c>import</c> verb, turns it off before first use: its merges read
    /// every segment once, and mapped pages would count as its own memory.
    /// </summary>
    public bool MapFiles { get; set; } = true;

    /// <summary>
    /// Whether a searcher copies the facet fields' ordinals of every new segment as it opens (see
    /// <see cref="SegmentOrdinals"/>), so that no search waits for the copy. A process that only writes, such as the
    /// <c>import</c> verb, turns it off before first use: at the end of a million-grant import the copy is made for all
    /// million grants at once, at the moment the import's memory peaks, for searches that never come.
    /// </summary>
    public bool WarmSearchers { get; set; } = true;

    /// <summary>The analyzer the documents were indexed with; queries must be parsed with the same one.</summary>
    public Analyzer Analyzer => _analyzer;

    /// <summary>Whether an index was ever written here (a fresh deployment has none until the first write or rebuild).</summary>
    public bool Exists => File.Exists(Path.Combine(Folder, PointerFile));

    /// <summary>Grants in the index as searches see it now.</summary>
    public int Count => Search(searcher => searcher.IndexReader.NumDocs);

    /// <summary>Hits that named a grant the database no longer holds, since the app started; each was left out and removed.</summary>
    public long StaleHitsDropped => Interlocked.Read(ref _staleHitsDropped);

    /// <summary>
    /// <c>Search:IndexPath</c> when set; otherwise <c>grants-index</c> beside the SQLite database file, or
    /// <c>data/grants-index</c> when the database is not a file (PostgreSQL, in-memory SQLite).
    /// </summary>
    public static string ResolveFolder(IConfiguration configuration)
    {
        var configured = configuration["Search:IndexPath"];
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        if (configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Sqlite)
        {
            var connection = configuration.GetConnectionString(DatabaseRegistration.ConnectionStringName) ?? DatabaseRegistration.DefaultSqliteConnection;
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
                return Path.Combine(folder, "grants-index");
        }
        return Path.GetFullPath(Path.Combine("data", "grants-index"));
    }

    /// <summary>Runs <paramref name="search"/> on the newest searcher; the searcher must not escape the call.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        SwitchToCurrent(gateHeld: false);
        SearcherManager manager;
        IndexSearcher searcher;
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            manager = _state!.Searchers;
            searcher = manager.Acquire();
        }
        try
        {
            return search(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    /// <summary>
    /// The newest searcher, held until the lease is disposed, for work that awaits while it reads (an export streams
    /// for minutes), which <see cref="Search{T}"/> does not allow. Writes and rebuilds meanwhile do not change what
    /// the lease sees, so a long read stays one consistent view of the index.
    /// </summary>
    public GrantSearcherLease AcquireSearcher()
    {
        SwitchToCurrent(gateHeld: false);
        lock (_stateLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var manager = _state!.Searchers;
            return new GrantSearcherLease(manager, manager.Acquire());
        }
    }

    /// <summary>
    /// Reads the grants from the database and replaces their documents; ids the database does not hold are removed.
    /// Committed before returning, and visible to the next search.
    /// </summary>
    public async Task<GrantIndexUpdate> IndexGrantsAsync(IEnumerable<long> grantIds, CancellationToken ct = default)
    {
        var ids = grantIds.Distinct().ToList();
        if (ids.Count == 0) return new GrantIndexUpdate(0, 0);
        await _writeGate.WaitAsync(ct);
        try
        {
            var state = SwitchToCurrent(gateHeld: true);
            var update = await WriteFromDatabaseAsync(state.Writer, ids, ct);
            Publish(state);
            Remember(ids);
            return update;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Removes grants from the index (for grants deleted from the database). Committed before returning.</summary>
    public void DeleteGrants(IEnumerable<long> grantIds)
    {
        var ids = grantIds.Distinct().ToList();
        if (ids.Count == 0) return;
        _writeGate.Wait();
        try
        {
            var state = SwitchToCurrent(gateHeld: true);
            state.Writer.DeleteDocuments(ids.Select(IdTerm).ToArray());
            Publish(state);
            Remember(ids);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Writes a new index of every grant in the database, in batches of <see cref="RebuildBatchSize"/>, into a new
    /// folder, and then switches to it. Grants indexed or deleted while it runs are applied to the new index before
    /// the switch. On failure or cancellation the new folder is removed and the old index keeps serving.
    /// </summary>
    /// <param name="progress">Told after each batch is indexed: grants done and the total.</param>
    /// <param name="ct">Stops the rebuild; the old index keeps serving.</param>
    /// <param name="writers">
    /// Threads adding documents while the next batch is read. One suits a rebuild beside a running site, which leaves
    /// the other cores to searches; the <c>reindex</c> verb uses one per core (see <see cref="GrantIndexRebuildPipeline"/>).
    /// </param>
    public async Task<GrantIndexRebuild> RebuildAsync(IProgress<GrantIndexProgress>? progress = null, CancellationToken ct = default,
        int writers = 1)
    {
        await _rebuildGate.WaitAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            var changed = new ConcurrentDictionary<long, bool>();
            _changedDuringRebuild = changed;
            var generation = NewGenerationName();
            var folder = Path.Combine(Folder, generation);
            IndexState? next = null;
            var switched = false;
            try
            {
                // A larger buffer flushes fewer, bigger segments: measured 9.0 s for 100,000 grants at 64 MB, 7.0 s at 256 MB.
                // Several writers share it, each filling a segment of its own: at a million grants with two, 64 MB took
                // 58.3 s and peaked at 741 MB resident, 128 MB took 57.4 s and peaked at 877 MB.
                next = IndexState.Open(folder, generation, _analyzer, create: true, ramBufferMb: writers > 1 ? 64 : 128);
                using (var scope = _scopes.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
                    var total = await db.Grants.CountAsync(ct);
                    progress?.Report(new GrantIndexProgress(0, total));
                    var pipeline = new GrantIndexRebuildPipeline(next.Writer, writers, total, progress);
                    await pipeline.RunAsync(async (after, token) =>
                        // Keyset paging: each batch starts after the last id read, so the cost per batch stays flat.
                        await GrantDocuments.Rows(db.Grants.Where(g => g.Id > after).OrderBy(g => g.Id).Take(RebuildBatchSize))
                            .AsSplitQuery().ToListAsync(token), ct);
                }

                await _writeGate.WaitAsync(ct);
                try
                {
                    _changedDuringRebuild = null;
                    if (!changed.IsEmpty) await WriteFromDatabaseAsync(next.Writer, changed.Keys.ToList(), ct);
                    next.Writer.Commit();
                    next.Searchers.MaybeRefreshBlocking();
                    WritePointer(generation);
                    Replace(next);
                    switched = true;
                }
                finally
                {
                    _writeGate.Release();
                }
                RemoveUnusedGenerations();
                var count = Count;
                _logger.LogInformation("Rebuilt the grant index with {Count} grants in {Seconds:0.0} s at {Folder}", count, watch.Elapsed.TotalSeconds, folder);
                return new GrantIndexRebuild(count, watch.Elapsed, folder);
            }
            finally
            {
                _changedDuringRebuild = null;
                if (!switched)
                {
                    next?.Dispose(rollback: true);
                    TryDeleteFolder(folder);
                }
            }
        }
        finally
        {
            _rebuildGate.Release();
        }
    }

    /// <summary>Called by searches that found ids the database no longer holds: counts, logs and removes them.</summary>
    internal void DropStaleHits(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return;
        Interlocked.Add(ref _staleHitsDropped, ids.Count);
        _logger.LogWarning("The grant index named {Count} grant(s) the database no longer holds ({Ids}); they were left out of the results and removed from the index",
            ids.Count, string.Join(", ", ids.Take(20)));
        DeleteGrants(ids);
    }

    private async Task<GrantIndexUpdate> WriteFromDatabaseAsync(IndexWriter writer, List<long> ids, CancellationToken ct)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        int indexed = 0, removed = 0;
        var documents = new GrantDocumentBuilder();
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            // One array parameter, as FullGrantRows.LoadAsync does: EF Core's default of a parameter per id spent
            // longer building each chunk's SQL than running it.
            var rows = await GrantDocuments.Rows(db.Grants.Where(g => EF.Parameter(chunk).Contains(g.Id))).AsSplitQuery().ToListAsync(ct);
            foreach (var row in rows) writer.UpdateDocument(IdTerm(row.Id), documents.Build(row));
            var found = rows.Select(r => r.Id).ToHashSet();
            foreach (var id in chunk.Where(id => !found.Contains(id))) writer.DeleteDocuments(IdTerm(id));
            indexed += rows.Count;
            removed += chunk.Length - rows.Count;
        }
        return new GrantIndexUpdate(indexed, removed);
    }

    private static Term IdTerm(long id) => new(GrantDocuments.Id, GrantDocuments.IdText(id));

    private static void Publish(IndexState state)
    {
        state.Writer.Commit();
        state.Searchers.MaybeRefreshBlocking();
    }

    /// <summary>A rebuild that is reading the database re-applies these before it switches, so they are not lost.</summary>
    private void Remember(IEnumerable<long> ids)
    {
        if (_changedDuringRebuild is not { } changed) return;
        foreach (var id in ids) changed.TryAdd(id, true);
    }

    /// <summary>
    /// Opens the index on first use (creating an empty one if there is none), and switches to another generation when
    /// <c>current</c> names one, as after a rebuild by another process. Writes are paused while it switches.
    /// </summary>
    private IndexState SwitchToCurrent(bool gateHeld)
    {
        var stamp = PointerStamp();
        var state = Volatile.Read(ref _state);
        if (state is not null && state.PointerStamp == stamp) return state;

        if (!gateHeld) _writeGate.Wait();
        try
        {
            state = Volatile.Read(ref _state);
            stamp = PointerStamp();
            if (state is not null && state.PointerStamp == stamp) return state;
            ObjectDisposedException.ThrowIf(_disposed, this);

            var generation = ReadPointer();
            if (state is not null && state.Generation == generation)
            {
                state.PointerStamp = stamp;
                return state;
            }
            IndexState next;
            if (generation is null || !System.IO.Directory.Exists(Path.Combine(Folder, generation)))
            {
                generation = NewGenerationName();
                next = IndexState.Open(Path.Combine(Folder, generation), generation, _analyzer, create: true, ramBufferMb: 16, MapFiles, WarmSearchers);
                next.Writer.Commit();
                WritePointer(generation);
                _logger.LogInformation("Created an empty grant index at {Folder}", next.Path);
            }
            else
            {
                next = IndexState.Open(Path.Combine(Folder, generation), generation, _analyzer, create: false, ramBufferMb: 16, MapFiles, WarmSearchers);
            }
            next.PointerStamp = PointerStamp();
            Replace(next);
            RemoveUnusedGenerations();
            return next;
        }
        finally
        {
            if (!gateHeld) _writeGate.Release();
        }
    }

    private void Replace(IndexState next)
    {
        next.PointerStamp = PointerStamp();
        IndexState? old;
        lock (_stateLock)
        {
            old = _state;
            Volatile.Write(ref _state, next);
        }
        // Searches that acquired a searcher from the old manager keep their reader until they release it.
        old?.Dispose(rollback: false);
    }

    private string? ReadPointer()
    {
        var path = Path.Combine(Folder, PointerFile);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    private DateTime PointerStamp() => File.GetLastWriteTimeUtc(Path.Combine(Folder, PointerFile));

    private void WritePointer(string generation)
    {
        System.IO.Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $"{PointerFile}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temporary, generation);
        // rename(2) replaces the file in one step: a reader sees the old generation or the new one, never half a name.
        File.Move(temporary, Path.Combine(Folder, PointerFile), overwrite: true);
    }

    /// <summary>A generation's folder, locked so that one writer at a time uses it across processes (see <see cref="ExclusiveFileLockFactory"/>).</summary>
    private static FSDirectory OpenDirectory(string folder, bool mapFiles = true) => mapFiles
        ? FSDirectory.Open(folder, new ExclusiveFileLockFactory())
        : new NIOFSDirectory(folder, new ExclusiveFileLockFactory());

    private static string NewGenerationName() =>
        "gen-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Deletes generations other than the current one, unless a writer holds them: this instance before it notices a
    /// switch, or another process in the middle of a rebuild.
    /// </summary>
    private void RemoveUnusedGenerations()
    {
        if (!System.IO.Directory.Exists(Folder)) return;
        var current = ReadPointer();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Folder, "gen-*"))
        {
            if (Path.GetFileName(folder) == current) continue;
            bool locked;
            using (var directory = OpenDirectory(folder))
                locked = IndexWriter.IsLocked(directory);
            if (!locked) TryDeleteFolder(folder);
        }
    }

    private void TryDeleteFolder(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not remove the unused grant index folder {Folder}; it will be tried again after the next rebuild", folder);
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogWarning(e, "Could not remove the unused grant index folder {Folder}", folder);
        }
    }

    public void Dispose()
    {
        IndexState? state;
        lock (_stateLock)
        {
            if (_disposed) return;
            _disposed = true;
            state = _state;
            _state = null;
        }
        state?.Dispose(rollback: false);
        _analyzer.Dispose();
        _writeGate.Dispose();
        _rebuildGate.Dispose();
    }

    /// <summary>One generation opened for writing and near-real-time searching.</summary>
    private sealed class IndexState
    {
        private IndexState(string path, string generation, LuceneDirectory directory, IndexWriter writer, SearcherManager searchers)
        {
            Path = path;
            Generation = generation;
            Directory = directory;
            Writer = writer;
            Searchers = searchers;
        }

        public string Path { get; }
        public string Generation { get; }
        public LuceneDirectory Directory { get; }
        public IndexWriter Writer { get; }
        public SearcherManager Searchers { get; }
        public DateTime PointerStamp { get; set; }

        public static IndexState Open(string path, string generation, Analyzer analyzer, bool create, double ramBufferMb, bool mapFiles = true,
            bool warm = true)
        {
            System.IO.Directory.CreateDirectory(path);
            var directory = OpenDirectory(path, mapFiles);
            var config = new IndexWriterConfig(GrantDocuments.Version, analyzer)
            {
                OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
                RAMBufferSizeMB = ramBufferMb,
            };
            var writer = new IndexWriter(directory, config);
            // applyAllDeletes: a search must never see a grant that was deleted before it started.
            var searchers = new SearcherManager(writer, applyAllDeletes: true,
                warm ? new SegmentOrdinals.WarmingSearcherFactory(GrantFacet.All.Select(f => f.Field)) : new SearcherFactory());
            return new IndexState(path, generation, directory, writer, searchers);
        }

        public void Dispose(bool rollback)
        {
            Searchers.Dispose();
            if (rollback) Writer.Rollback();
            else Writer.Dispose();
            Directory.Dispose();
        }
    }
}
