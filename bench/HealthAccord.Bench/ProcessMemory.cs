using System.Globalization;

namespace HealthAccord.Bench;

/// <summary>
/// Another process's memory from /proc (Linux): resident set now, its peak, and the anonymous part (heap and stacks,
/// not files the process maps, such as the search index), which is what an export itself could make grow.
/// </summary>
internal static class ProcessMemory
{
    public sealed record Sample(long RssBytes, long PeakRssBytes, long AnonymousBytes);

    public static Sample Read(int pid)
    {
        long Field(string[] lines, string name)
        {
            var line = lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            if (line is null) return 0;
            var kb = line[(name.Length + 1)..].Trim().Split(' ')[0];
            return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
        }
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return new Sample(Field(status, "VmRSS"), Field(status, "VmHWM"), Field(status, "RssAnon"));
    }

    /// <summary>
    /// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so the next reading is the peak of what runs in
    /// between. Needs Linux 4.0 or later and the right to write the process's clear_refs; false when not allowed.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Samples the process every few milliseconds until disposed and keeps the largest anonymous RSS seen.</summary>
    public sealed class PeakWatch : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private long _peakAnonymous;

        public PeakWatch(int pid) => _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var anonymous = Read(pid).AnonymousBytes;
                if (anonymous > _peakAnonymous) _peakAnonymous = anonymous;
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        public long PeakAnonymousBytes => Interlocked.Read(ref _peakAnonymous);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
