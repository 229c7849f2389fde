using Lucene.Net.Search;

namespace HealthAccord.Web.Grants;

/// <summary>
/// A searcher taken from the index's manager and given back on dispose (see <see cref="GrantIndex.AcquireSearcher"/>).
/// Until then its reader, and so its segment files, stay open even if the index moves on.
/// </summary>
public sealed class GrantSearcherLease : IDisposable
{
    private readonly ReferenceManager<IndexSearcher> _manager;
    private IndexSearcher? _searcher;

    internal GrantSearcherLease(ReferenceManager<IndexSearcher> manager, IndexSearcher searcher)
    {
        _manager = manager;
        _searcher = searcher;
    }

    public IndexSearcher Searcher => _searcher ?? throw new ObjectDisposedException(nameof(GrantSearcherLease));

    public void Dispose()
    {
        // Released once: a second release would close a reader other searches may still be using.
        if (Interlocked.Exchange(ref _searcher, null) is { } searcher) _manager.Release(searcher);
    }
}
