using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// The same app on PostgreSQL: its migrations apply, the seed loads, reads and writes behave as on SQLite, and a
/// registry export imports into a second PostgreSQL database unchanged. Skipped when no server is configured.
/// </summary>
public sealed class PostgresProviderTests : IAsyncLifetime
{
    private PostgresFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        if (PostgresFactory.IsConfigured) _factory = new PostgresFactory();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private PostgresFactory Factory =>
        _factory ?? throw SkipException();

    private static Exception SkipException()
    {
        Assert.Skip($"No PostgreSQL server: set {PostgresFactory.EnvironmentVariable} (./test.sh starts one).");
        return new InvalidOperationException("unreachable");
    }

    [Fact]
    public async Task Migrations_and_seed_give_the_ten_partnerships_with_glopid_r_and_its_48_hour_goal()
    {
        var client = Factory.CreateClient();
        var list = await client.GetFromJsonAsync<JsonObject>("/api/v1/partnerships?theme=Infectious%20Diseases", Ct);
        Assert.Contains("glopid-r", list!["items"]!.AsArray().Select(i => (string)i!["slug"]!));

        var all = await client.GetFromJsonAsync<JsonObject>("/api/v1/partnerships", Ct);
        Assert.Equal(10, (int)all!["total"]!);

        var glopid = await client.GetFromJsonAsync<JsonObject>("/api/v1/partnerships/glopid-r", Ct);
        var goal = glopid!["headlineGoal"]!;
        Assert.Equal("hours", (string)goal["unit"]!);
        Assert.Equal(48m, (decimal)goal["target"]!);
        Assert.Contains(glopid["members"]!.AsArray(), m => (string?)m!["countryName"] == "Brazil");
    }

    [Fact]
    public async Task An_organisation_is_created_updated_with_if_match_and_refused_when_stale()
    {
        var writer = Factory.CreateAdministratorClient();
        var create = await writer.PostAsJsonAsync("/api/v1/organisations", new
        {
            name = "Postgres Test Agency",
            type = "funder",
            countryCode = "no",
            sources = new[] { new { url = "https://example.org/agency", title = "Agency page" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var location = create.Headers.Location!.ToString();

        var read = await writer.GetAsync(location, Ct);
        var etag = read.Headers.ETag!.Tag;
        var body = new
        {
            name = "Postgres Test Agency (renamed)",
            type = "funder",
            countryCode = "NO",
            sources = new[] { new { url = "https://example.org/agency", title = "Agency page" } },
        };
        using var update = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(body) };
        update.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.OK, (await writer.SendAsync(update, Ct)).StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Put, location) { Content = JsonContent.Create(body) };
        stale.Headers.IfMatch.ParseAdd(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await writer.SendAsync(stale, Ct)).StatusCode);

        var after = await writer.GetFromJsonAsync<JsonObject>(location, Ct);
        Assert.Equal("Postgres Test Agency (renamed)", (string)after!["name"]!);
        Assert.Equal("Norway", (string)after["countryName"]!);
        Assert.Equal(2, (int)after["version"]!);
    }

    [Fact]
    public async Task An_export_imports_into_an_empty_postgres_database_unchanged_and_ids_continue_after_it()
    {
        var source = Factory;
        _ = source.Server;
        RegistryDocument exported;
        using (var scope = source.Services.CreateScope())
            exported = await RegistryExport.CreateAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>(), Ct);

        await using var target = new PostgresFactory();
        _ = target.Server;
        using var targetScope = target.Services.CreateScope();
        var db = targetScope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        // The target app seeded itself on start; empty its registry so the import has an empty database to fill.
        db.Partnerships.RemoveRange(db.Partnerships);
        db.Agreements.RemoveRange(db.Agreements);
        await db.SaveChangesAsync(Ct);
        db.Organisations.RemoveRange(db.Organisations);
        await db.SaveChangesAsync(Ct);
        db.ChangeTracker.Clear();

        using var stream = new MemoryStream();
        await RegistryExport.WriteAsync(exported, stream, Ct);
        stream.Position = 0;
        var outcome = await RegistryImport.ImportAsync(db, stream, Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));

        var again = await RegistryExport.CreateAsync(db, Ct);
        Assert.Equal(Serialise(exported), Serialise(again));

        // Explicit ids bypassed the identity sequences; a new record must still get a fresh id.
        var created = await target.CreateAdministratorClient().PostAsJsonAsync("/api/v1/organisations", new
        {
            name = "Created after import",
            type = "other",
            sources = new[] { new { url = "https://example.org/x", title = "x" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static string Serialise(RegistryDocument document) =>
        System.Text.Json.JsonSerializer.Serialize(document with { ExportedAt = default });
}
