namespace HealthAccord.Web.Grants;

public sealed partial class GrantIndex
{
    /// <summary>
    /// Lucene's indexing buffer while an import writes, twice the everyday one. Larger buffers flush fewer, larger
    /// segments and so merge less, but they add to an import's peak memory, which is already the tighter limit
    /// (see BENCHMARKS.md, "Grant import").
    /// </summary>
    public const double ImportRamBufferMb = 32;

    /// <summary>
    /// Opens the index for an import that commits together with a database transaction. The session holds the
    /// index's write gate until it is disposed, so no other write commits or refreshes in the meantime: searches keep
    /// seeing the index as it was, never a grant the database has not committed yet.
    /// </summary>
    internal async Task<ImportSession> BeginImportAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            return new ImportSession(this);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private void Remember(long id) => _changedDuringRebuild?.TryAdd(id, true);

    /// <summary>
    /// Rolls back what an import wrote and opens the generation again as of its last commit (a rollback closes the
    /// writer). Searches are paused for the swap so none acquires a searcher from the closed writer.
    /// </summary>
    private void RollBackImport(IndexState state)
    {
        lock (_stateLock)
        {
            state.Dispose(rollback: true);
            var reopened = IndexState.Open(state.Path, state.Generation, _analyzer, create: false, ramBufferMb: 16, MapFiles, WarmSearchers);
            reopened.PointerStamp = state.PointerStamp;
            Volatile.Write(ref _state, reopened);
        }
    }

    /// <summary>
    /// An import's view of the index. Documents are added as the import stores grants (from any thread); after the
    /// database transaction is ready to commit, <see cref="Prepare"/> writes and syncs everything but the final step;
    /// once the database has committed, <see cref="Commit"/> makes the documents visible. Disposing a session that
    /// did not commit rolls the index back to where it was, whatever was added.
    /// </summary>
    /// <remarks>
    /// The order guarantees that the index never names a grant the database does not hold: a failure before the
    /// database commit rolls back both, and a failure between the two commits leaves the index missing the new
    /// grants, which searches cannot notice but <c>reindex</c> repairs.
    /// </remarks>
    internal sealed class ImportSession : IDisposable
    {
        private readonly GrantIndex _index;
        private readonly IndexState _state;
        private readonly ThreadLocal<GrantDocumentBuilder> _documents = new(() => new GrantDocumentBuilder());
        private readonly double _ramBufferBefore;
        private readonly bool _compoundFilesBefore;
        private bool _committed;
        private bool _disposed;

        /// <summary>Opens a session on the current generation; the caller holds the write gate.</summary>
        internal ImportSession(GrantIndex index)
        {
            _index = index;
            _state = index.SwitchToCurrent(gateHeld: true);
            var config = _state.Writer.Config;
            _ramBufferBefore = config.RAMBufferSizeMB;
            _compoundFilesBefore = config.UseCompoundFile;
            config.RAMBufferSizeMB = ImportRamBufferMb;
            // Packing each flushed segment into a compound file copies it once more; merges pack small segments anyway.
            config.UseCompoundFile = false;
        }

        /// <summary>
        /// Adds the grant's document. <paramref name="isNew"/> skips looking for an older document with the same id:
        /// a new grant's id was never used, because SQLite's AUTOINCREMENT and PostgreSQL's sequences never hand out
        /// an id twice and the index only commits after the database.
        /// </summary>
        public void Add(GrantIndexRow row, bool isNew)
        {
            var document = _documents.Value!.Build(row);
            if (isNew) _state.Writer.AddDocument(document);
            else _state.Writer.UpdateDocument(IdTerm(row.Id), document);
            // A rebuild running meanwhile re-reads these grants before it switches, so it cannot lose them.
            _index.Remember(row.Id);
        }

        /// <summary>Flushes and syncs the import's segments: the costly, fallible half of the commit.</summary>
        public void Prepare() => _state.Writer.PrepareCommit();

        /// <summary>Publishes the prepared commit and refreshes the searchers.</summary>
        public void Commit()
        {
            _state.Writer.Commit();
            _committed = true;
            _state.Searchers.MaybeRefreshBlocking();
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _documents.Dispose();
            try
            {
                if (_committed)
                {
                    _state.Writer.Config.RAMBufferSizeMB = _ramBufferBefore;
                    _state.Writer.Config.UseCompoundFile = _compoundFilesBefore;
                }
                else
                {
                    _index.RollBackImport(_state);
                }
            }
            finally
            {
                _index._writeGate.Release();
            }
        }
    }
}
