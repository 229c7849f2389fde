using System.Text;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// Import → export as 360Giving → import into an empty database gives the same grants, compared field by field
/// (<see cref="GrantSnapshot"/>), for a package built to carry every kind of field. The real COVID-19 tracker file
/// makes the same trip in <see cref="TrackerExportTests"/>.
/// </summary>
public sealed class GrantExportRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_package_with_every_kind_of_field_imports_back_as_the_same_grants()
    {
        await using var source = new HealthAccordFactory();
        await using var copy = new HealthAccordFactory();
        await GrantRoundTrip.ImportAsync(source, new MemoryStream(Encoding.UTF8.GetBytes(RoundTripPackage.Json())), "round-trip.json");

        var exported = await (await source.CreateClient().ExportAsync("360giving")).Content.ReadAsByteArrayAsync(Ct);
        var outcome = await GrantRoundTrip.ImportAsync(copy, new MemoryStream(exported), "export.json");

        var before = await GrantRoundTrip.SnapshotAsync(source);
        var after = await GrantRoundTrip.SnapshotAsync(copy);
        Assert.Equal(4, outcome.GrantsImported);
        Assert.Empty(GrantRoundTrip.Differences(before, after, exported));
        // The comparison covered what the package was built to carry.
        Assert.Equal(["covid-19"], before["RT-3"].Pathogens);
        Assert.Equal(["001", "018"], before["RT-3"].Categories);
        Assert.Equal(["FR", "KE", "UG"], before["RT-2"].Countries);
        Assert.Equal(5, before["RT-2"].Participants.Count);
        Assert.Equal("Canadian Institutes of Health Research", after["RT-4"].Participants[1].Name);
        Assert.Equal("2022-01-01", before["RT-3"].Fields["plannedStart"]);
        Assert.Equal("2024-12-31", before["RT-3"].Fields["plannedEnd"]);
    }
}
