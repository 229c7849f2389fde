using Microsoft.Extensions.Logging;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>
/// Writes the app's log lines into the output of the test that caused them, so a failing test shows what the
/// server did. Lines logged outside a test (start-up, Kestrel's own threads) have no test to go to and are dropped.
/// </summary>
public sealed class XunitLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new XunitLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class XunitLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var output = TestContext.Current.TestOutputHelper;
            if (output is null || !IsEnabled(logLevel)) return;
            var line = $"[app {logLevel}] {category}: {formatter(state, exception)}";
            try
            {
                output.WriteLine(exception is null ? line : line + Environment.NewLine + exception);
            }
            catch (InvalidOperationException)
            {
                // The test this request belonged to has already finished and closed its output.
            }
        }
    }
}
