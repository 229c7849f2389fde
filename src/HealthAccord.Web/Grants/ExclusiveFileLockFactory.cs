using Lucene.Net.Store;
using Lock = Lucene.Net.Store.Lock;

namespace HealthAccord.Web.Grants;

/// <summary>
/// Lucene's write lock as an exclusive open of the lock file, which other processes honour on Linux too. Lucene.NET
/// 4.8's own <see cref="NativeFSLockFactory"/> keeps out a second writer in the same process only: on this machine two
/// processes (the server and the import verb) both opened an IndexWriter on one folder, and the second deleted the
/// first's unfinished segment files as unreferenced, failing the first with FileNotFoundException. A .NET FileStream
/// opened with <see cref="FileShare.None"/> takes an OS lock that a second open fails on, in this process or another,
/// and the OS drops it when the process dies, so a crash leaves no stale lock behind.
/// </summary>
public sealed class ExclusiveFileLockFactory : FSLockFactory
{
    public override Lock MakeLock(string lockName)
    {
        var folder = LockDir ?? throw new InvalidOperationException("The lock factory is used before its directory set its folder.");
        var name = string.IsNullOrEmpty(m_lockPrefix) ? lockName : $"{m_lockPrefix}-{lockName}";
        return new ExclusiveFileLock(Path.Combine(folder.FullName, name));
    }

    /// <summary>Nothing to clear: the lock is the open handle, not the file, and the file may stay.</summary>
    public override void ClearLock(string lockName)
    {
    }

    private sealed class ExclusiveFileLock(string path) : Lock
    {
        private FileStream? _held;

        public override bool Obtain()
        {
            if (_held is not null) return false;
            try
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException e)
            {
                FailureReason = e;
                return false;
            }
        }

        public override bool IsLocked()
        {
            if (_held is not null) return true;
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return false;
            }
            catch (FileNotFoundException)
            {
                return false;
            }
            catch (DirectoryNotFoundException)
            {
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (!disposing) return;
            _held?.Dispose();
            _held = null;
        }

        public override string ToString() => $"{nameof(ExclusiveFileLock)}: {path}";
    }
}
