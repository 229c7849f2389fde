using System.Diagnostics;
using System.Globalization;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Where an import spent its time: busy time per stage (waits on the queues between stages excluded), so the stages
/// add up to more than the wall time when they overlap. The slowest stage bounds the rate.
/// </summary>
public sealed record GrantImportTimings(
    TimeSpan Reading,
    TimeSpan Preparing,
    TimeSpan Storing,
    TimeSpan Indexing,
    TimeSpan Committing,
    TimeSpan Total)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"reading and checking {Reading.TotalSeconds:0.0} s, matching and tagging {Preparing.TotalSeconds:0.0} s, " +
        $"database {Storing.TotalSeconds:0.0} s, search index {Indexing.TotalSeconds:0.0} s, commit {Committing.TotalSeconds:0.0} s; " +
        $"{Total.TotalSeconds:0.0} s in all");
}

/// <summary>Adds up the busy time of one stage, from any number of threads.</summary>
internal sealed class StageClock
{
    private long _ticks;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (from <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddSince(long startTimestamp) => Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - startTimestamp);
}
