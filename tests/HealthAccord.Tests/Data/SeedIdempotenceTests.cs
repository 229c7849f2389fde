using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;
using HealthAccord.Web.Data;

namespace HealthAccord.Tests.Data;

/// <summary>
/// The registry seed runs once per database (recorded in SeedRuns), so preparing the database again, as every
/// start of the app does, never brings back what editors changed or removed. Each test has its own database,
/// because each edits seeded records.
/// </summary>
public sealed class SeedIdempotenceTests : IAsyncLifetime
{
    private readonly HealthAccordFactory _factory = new();
    private HttpClient _reader = null!;
    private HttpClient _writer = null!;

    public ValueTask InitializeAsync()
    {
        _reader = _factory.CreateClient();
        _writer = _factory.CreateAdministratorClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Task<SetupReport> PrepareAgainAsync() =>
        DatabaseSetup.PrepareAsync(_factory.Services, seedRegistry: true, TestContext.Current.CancellationToken);

    /// <summary>A partnership's full request body, built from what a reader sees, with one field changed.</summary>
    private static JsonObject Edited(JsonObject current, string field, JsonNode? value)
    {
        var input = new JsonObject();
        foreach (var name in new[] { "slug", "acronym", "name", "kind", "summary", "mission", "foundedYear", "website", "secretariat", "themes", "euRole", "euRoleNote", "status", "sources" })
            input[name] = current[name]?.DeepClone();
        input[field] = value;
        return input;
    }

    [Fact]
    public async Task Preparing_the_database_again_does_not_seed_twice_and_keeps_an_edit()
    {
        var (glopid, etag) = await PartnershipData.GetAsync(_reader, "glopid-r");
        await (await PartnershipData.PutAsync(_writer, "glopid-r", Edited(glopid, "mission", "A mission an editor rewrote."), etag))
            .AssertStatusAsync(HttpStatusCode.OK);

        var report = await PrepareAgainAsync();

        Assert.NotNull(report.Registry);
        Assert.False(report.Registry.Applied);
        Assert.Equal(0, report.Registry.Partnerships + report.Registry.Organisations + report.Registry.Memberships + report.Registry.Agreements + report.Registry.Goals);
        Assert.Empty(report.AppliedMigrations);
        Assert.Equal(0, report.ReferenceRowsAdded);
        var (after, _) = await PartnershipData.GetAsync(_reader, "glopid-r");
        Assert.Equal("A mission an editor rewrote.", (string)after["mission"]!);
        Assert.Equal(2, (int)after["version"]!);
        Assert.Equal(10, (int)(await _reader.GetJsonAsync("/api/v1/partnerships"))["total"]!);
        Assert.Equal(33, (int)(await _reader.GetJsonAsync("/api/v1/goals"))["total"]!);
    }

    [Fact]
    public async Task Preparing_the_database_again_does_not_bring_back_a_deleted_goal_or_a_renamed_slug()
    {
        var goal = (await _reader.GetJsonAsync("/api/v1/goals?partnership=gacd&headline=false")).Items()[0]!;
        var goalUrl = $"/api/v1/goals/{(int)goal["id"]!}";
        var (_, goalETag) = await _reader.GetWithETagAsync(goalUrl);
        Assert.Equal(HttpStatusCode.NoContent, (await _writer.DeleteWithIfMatchAsync(goalUrl, goalETag)).StatusCode);
        var (ihec, ihecETag) = await PartnershipData.GetAsync(_reader, "ihec");
        await (await PartnershipData.PutAsync(_writer, "ihec", Edited(ihec, "slug", "human-epigome"), ihecETag)).AssertStatusAsync(HttpStatusCode.OK);

        await PrepareAgainAsync();

        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync(goalUrl));
        Assert.Equal(32, (int)(await _reader.GetJsonAsync("/api/v1/goals"))["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, "ihec"));
        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_reader, "human-epigome"));
        Assert.Equal(10, (int)(await _reader.GetJsonAsync("/api/v1/partnerships"))["total"]!);
    }
}
