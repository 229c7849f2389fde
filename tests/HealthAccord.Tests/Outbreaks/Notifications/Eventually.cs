namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>Waits for something the background sender does, with a deadline in real time (its own clock is fake).</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for {what}; last seen: {value}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task<T> ReturnsAsync<T>(Func<T> read, Func<T, bool> done, string what, int seconds = 30) =>
        ReturnsAsync(() => Task.FromResult(read()), done, what, seconds);
}
