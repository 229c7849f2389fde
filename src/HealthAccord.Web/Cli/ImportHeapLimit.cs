namespace HealthAccord.Web.Cli;

/// <summary>
/// Caps the garbage-collected heap while the command line imports a grant file, and raises the caps as the data the
/// import has to keep grows, so that they save memory without ever being the reason an import fails.
/// </summary>
/// <remarks>
/// The app runs with the server garbage collector, which the site keeps for its searches. Left to itself during an
/// import, that collector kept three to four times the live data committed: 230–300 MB for 40–100 MB of live data at
/// 200,000 grants, and a peak of 630–690 MB resident at a million. Hard limits make it collect instead of growing.
/// They are set here, in the verb, at run time (<see cref="GC.RefreshMemoryLimit"/>), because a limit in the runtime
/// configuration would cap the web server too; `import` runs as a process of its own, so the caps never reach the site.
/// <para>
/// There is one cap per kind of heap (small objects, large objects, pinned objects) rather than one for the whole
/// heap: a single 192 MB cap set at run time ended imports of 200,000 grants with an OutOfMemoryException while live
/// data was about 60 MB, each time in one of Lucene.NET's large-array growths. A limit set at run time keeps the heap's
/// region sizes chosen at start-up for an unlimited heap, and the large-object heap comes in 32 MB regions.
/// </para>
/// <para>
/// The small-object cap starts at about 1.5 times the live data measured at 200,000 grants. The large-object cap starts
/// higher than a good file needs, because a bad one needs more and at once, faster than the timer below can follow: a
/// reader holds a grant of up to <see cref="Grants.Import.GrantReadOptions.DefaultMaxGrantBytes"/> (16 MB) before
/// refusing it, in buffers that grow by doubling (a 2 GB CSV line ended in an OutOfMemoryException under an 80 MB
/// cap). What grows with the file (the
/// duplicate-identifier table, new organisations, CORDIS's participant list) could outgrow any fixed figure, so a
/// timer reads each kind's live data after every full collection and raises its cap to keep the live data under
/// <see cref="LiveShare"/> of it. Caps are never lowered and never set above the memory the collector had before.
/// </para>
/// </remarks>
internal sealed class ImportHeapLimit : IDisposable
{
    private static readonly string[] Settings = ["GCHeapHardLimitSOH", "GCHeapHardLimitLOH", "GCHeapHardLimitPOH"];
    private static readonly ulong[] StartBytes = [128UL << 20, 192UL << 20, 8UL << 20];
    private const double LiveShare = 0.6;
    private const ulong Step = 16UL << 20;
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);

    private readonly object?[] _configuredBefore;
    private readonly ulong _ceiling;
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private readonly ulong[] _limits;
    private bool _disposed;

    /// <summary>Follows the live data from caps already in force (<paramref name="start"/>), set over <paramref name="configuredBefore"/>.</summary>
    private ImportHeapLimit(ulong ceiling, ulong[] start, object?[] configuredBefore)
    {
        _limits = start;
        _configuredBefore = configuredBefore;
        _ceiling = ceiling;
        _timer = new Timer(_ => Follow(), null, CheckEvery, CheckEvery);
    }

    /// <summary>The caps now in force, in bytes: small, large and pinned objects.</summary>
    public IReadOnlyList<ulong> LimitBytes
    {
        get
        {
            lock (_lock) return [.. _limits];
        }
    }

    /// <summary>
    /// Caps the heap until disposed; null when the process already has less memory than the caps together (a
    /// container or an operator's own limit), which then stays as it is, or when <paramref name="scale"/> is 0.
    /// <paramref name="scale"/> multiplies the starting caps (setting <c>Import:HeapCapScale</c>): a larger one for a
    /// machine with memory to spare, a tiny one to see what an import does when it outgrows its cap.
    /// </summary>
    public static ImportHeapLimit? Apply(double scale = 1)
    {
        if (scale <= 0) return null;
        var start = StartBytes.Select(b => (ulong)(b * scale)).ToArray();
        var available = (ulong)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (available <= start.Aggregate((a, b) => a + b)) return null;
        var before = Settings.Select(AppContext.GetData).ToArray();
        try
        {
            SetLimits(start.Cast<object?>().ToArray());
        }
        // The runtime refuses a cap below what the heap already holds, and keeps its limits as they were; the import
        // then runs uncapped.
        catch (InvalidOperationException)
        {
            for (var kind = 0; kind < Settings.Length; kind++) AppContext.SetData(Settings[kind], before[kind]);
            return null;
        }
        return new ImportHeapLimit(available, start, before);
    }

    private void Follow()
    {
        try
        {
            FollowLiveData();
        }
        // A timer callback's exception would end the process. Out of memory here means the import itself is about to
        // fail the same way, and the command runs it again without the caps.
        catch (OutOfMemoryException)
        {
        }
    }

    private void FollowLiveData()
    {
        lock (_lock)
        {
            if (_disposed) return;
            // Live data is known only after a collection of the whole heap; after a younger one, the sizes still
            // count the older generations' garbage.
            var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            var full = blocking.Index > background.Index ? blocking : background;
            if (full.Index == 0) return;
            var generations = full.GenerationInfo;
            // After a background collection the youngest generations also hold what was allocated while it ran, and
            // the old generation holds the free space it swept: neither is live data. Generations 1 and 2 are the
            // small-object heap's share, then come the large- and pinned-object heaps.
            ReadOnlySpan<long> live =
            [
                Live(generations[1]) + Live(generations[2]),
                Live(generations[3]),
                Live(generations[4]),
            ];
            var raised = false;
            for (var kind = 0; kind < _limits.Length; kind++)
            {
                var wanted = (ulong)(Math.Max(0, live[kind]) / LiveShare);
                if (wanted <= _limits[kind]) continue;
                _limits[kind] = Math.Min(_ceiling, (wanted + Step - 1) / Step * Step);
                raised = true;
            }
            if (raised) SetLimits(_limits.Cast<object?>().ToArray());
        }
    }

    private static long Live(GCGenerationInfo generation) => generation.SizeAfterBytes - generation.FragmentationAfterBytes;

    private static void SetLimits(object?[] values)
    {
        for (var kind = 0; kind < Settings.Length; kind++) AppContext.SetData(Settings[kind], values[kind]);
        GC.RefreshMemoryLimit();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _timer.Dispose();
        // Whatever runs after the import in this process (a second attempt without the caps) gets the collector's own
        // limits back. A setting that was absent is set to 0, which the collector reads as no limit; removing the
        // setting would leave the cap in force.
        SetLimits([.. _configuredBefore.Select(value => value ?? 0UL)]);
    }
}
