using System.Net;
using HealthAccord.Data;
using HealthAccord.Tests.Grants.Editing;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// An organisation merge and a grant edit on PostgreSQL: the moves in one transaction with their history, and the
/// survivor's address for the old id. Skipped when no server is configured.
/// </summary>
public sealed class PostgresMergeAndEditTests : IAsyncLifetime
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_merge_moves_everything_and_forwards_the_old_id_on_PostgreSQL()
    {
        var admin = Factory.CreateAdministratorClient();
        var reader = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var world = await MergeWorld.CreateAsync(Factory);
        var before = MergeWorld.Counts(Factory);
        var (_, etag) = await reader.GetWithETagAsync($"/api/v1/organisations/{world.DuplicateId}");

        using var request = new HttpRequestMessage(HttpMethod.Post, world.MergeUrl);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await admin.SendAsync(request, Ct)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.NotEqual(before, MergeWorld.Counts(Factory));
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            Assert.Equal(world.KeptId, db.Memberships.Single(m => m.Id == world.MembershipId).OrganisationId);
            Assert.All(db.GrantParticipants.Where(p => p.GrantId == world.GrantId).ToList(), p => Assert.Equal(world.KeptId, p.OrganisationId));
            Assert.Equal(world.RorId, db.Organisations.Single(o => o.Id == world.KeptId).RorId);
        }
        var old = await reader.GetAsync($"/api/v1/organisations/{world.DuplicateId}", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        var change = (await reader.GetJsonAsync($"/api/v1/organisations/{world.KeptId}/history")).Items()[0]!;
        Assert.StartsWith("Merged organisation", (string?)change["summary"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_edit_is_saved_with_its_history_on_PostgreSQL()
    {
        var admin = Factory.CreateAdministratorClient();
        var grant = await EditableGrant.CreateAsync(Factory);
        var (_, etag) = await Factory.CreateClient().GetWithETagAsync(grant.ApiUrl);

        var body = await (await admin.PutJsonAsync(grant.ApiUrl, grant.Input(i => i["currency"] = "USD"), etag)).ReadJsonObjectAsync();

        Assert.Equal("USD", (string?)body["currency"]);
        var history = await admin.GetJsonAsync($"{grant.ApiUrl}/history");
        var fields = history.Items()[0]!["records"]![0]!["fields"]!.AsArray().Select(f => (string?)f!["field"]).ToList();
        Assert.Contains("currency", fields);
        Assert.Contains("amountEur", fields);
    }
}
