namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// When to try a failed message again: the first wait, doubled after each further failure, capped, and spread by up to
/// a fifth either way so that alerts that failed together (a receiver down for everyone) do not all return together.
/// </summary>
public static class RetrySchedule
{
    public const double Jitter = 0.2;

    /// <summary>
    /// The wait after <paramref name="attempts"/> attempts (the failed one included, so 1 after the first failure);
    /// the jitter is drawn from <paramref name="random"/>, a number in [0, 1).
    /// </summary>
    public static TimeSpan After(int attempts, DeliveryOptions options, double random)
    {
        var exponent = Math.Min(Math.Max(attempts - 1, 0), 30);
        var seconds = Math.Min(options.FirstRetrySeconds * Math.Pow(2, exponent), options.MaxDelaySeconds);
        return TimeSpan.FromSeconds(seconds * (1 - Jitter + 2 * Jitter * random));
    }

    /// <summary>The longest wait <see cref="After"/> can give, for tests that must pass it.</summary>
    public static TimeSpan Longest(int attempts, DeliveryOptions options) => After(attempts, options, 1);
}
