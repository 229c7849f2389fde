using System.Net;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// The history's core on PostgreSQL: an edit and its history in one transaction, the cascade of a partnership's
/// deletion, its revert with ids restored, a refused revert, and the filtered log. Skipped when no server is configured.
/// </summary>
public sealed class PostgresHistoryTests : IAsyncLifetime
{
    private PostgresFactory? _factory;

    public ValueTask InitializeAsync()
    {
        if (PostgresFactory.IsConfigured) _factory = new PostgresFactory();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private PostgresFactory Factory
    {
        get
        {
            if (_factory is null) Assert.Skip($"No PostgreSQL server: set {PostgresFactory.EnvironmentVariable} (./test.sh starts one).");
            return _factory;
        }
    }

    [Fact]
    public async Task Edits_deletions_and_reverts_are_recorded_and_undone_on_PostgreSQL()
    {
        var reader = Factory.CreateClient();
        var author = Factory.CreateAuthor();
        var writer = author.Api;
        var world = await HistoryWorld.CreateAsync(writer);

        var (_, etag) = await PartnershipData.GetAsync(reader, world.Slug);
        var input = PartnershipData.ValidInput(world.Slug);
        input["name"] = "Renamed on PostgreSQL";
        await (await PartnershipData.PutAsync(writer, world.Slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        var rename = await HistoryData.LatestChangeIdAsync(writer, "partnership", world.PartnershipId);
        Assert.Equal(["name"], HistoryData.FieldNames(HistoryData.OnlyRecord(await reader.GetJsonAsync($"/api/v1/history/changes/{rename}"))));

        (_, etag) = await PartnershipData.GetAsync(reader, world.Slug);
        await (await writer.DeleteWithIfMatchAsync($"/api/v1/partnerships/{world.Slug}", etag)).AssertStatusAsync(HttpStatusCode.NoContent);
        var deletion = await HistoryData.LatestChangeIdAsync(writer, "partnership", world.PartnershipId);
        Assert.Equal(4, (int)(await writer.GetJsonAsync($"/api/v1/history?recordType=partnership&recordId={world.PartnershipId}"))
            .Items()[0]!["recordCount"]!);

        // The rename's partnership is gone: reverting it now is refused and changes nothing.
        await (await HistoryData.RevertAsync(writer, rename)).ReadProblemAsync(HttpStatusCode.Conflict);
        await HistoryData.RevertedAsync(writer, deletion);

        var (restored, _) = await PartnershipData.GetAsync(reader, world.Slug);
        Assert.Equal(world.PartnershipId, (int)restored["id"]!);
        Assert.Equal("Renamed on PostgreSQL", (string)restored["name"]!);
        Assert.Equal([world.MeasurementId], (await reader.GetJsonAsync($"/api/v1/goals/{world.GoalId}"))["measurements"]!.AsArray().Select(m => (int)m!["id"]!));
        Assert.Equal(HttpStatusCode.OK, await reader.StatusOfAsync($"/api/v1/memberships/{world.MembershipId}"));

        // New records after a revert get fresh ids: the identity sequences were not disturbed by the old ids coming back.
        var organisation = await Organisations.OrganisationData.CreateAsync(writer);
        Assert.True((int)organisation["id"]! > world.OrganisationId);
        var history = await reader.GetJsonAsync($"/api/v1/partnerships/{world.Slug}/history");
        Assert.Equal("revert", (string)history.Items()[0]!["source"]!);
        Assert.Equal(1, (int)(await writer.GetJsonAsync($"/api/v1/history?source=revert&actor={author.Account.Id}"))["total"]!);
    }
}
