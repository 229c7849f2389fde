namespace HealthAccord.Web.Cli;

/// <summary>
/// Reports progress on the caller's thread, at once. <see cref="Progress{T}"/> posts each report to the thread pool,
/// so a report could run after the import returned and the file it reads the position of was closed; an exception
/// there is unhandled and ends the process (exit code 134) whatever the import's outcome.
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
