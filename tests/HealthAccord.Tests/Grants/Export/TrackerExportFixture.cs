using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// The 1,978 grants of the real COVID-19 tracker file imported once into an app, and their 360Giving export, for
/// the tests that check exports at the size of real data. Without shared/data the app stays empty and each test
/// skips itself through <see cref="GrantFiles.Tracker"/>.
/// </summary>
public sealed class TrackerExportFixture : IAsyncLifetime
{
    public HealthAccordFactory Source { get; } = new();

    /// <summary>The 360Giving export of every grant, as downloaded.</summary>
    public byte[] ThreeSixtyGivingExport { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var tracker = Path.Combine(TestPaths.SharedData, "360giving-covid19-tracker", "grants_data.json");
        if (!File.Exists(tracker)) return;
        await using (var file = File.OpenRead(tracker)) await GrantRoundTrip.ImportAsync(Source, file, "grants_data.json");
        var response = await Source.CreateClient().ExportAsync("360giving");
        ThreeSixtyGivingExport = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
