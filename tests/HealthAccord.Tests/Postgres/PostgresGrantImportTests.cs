using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Tests.Grants;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// Grant imports on PostgreSQL go through EF Core (EfGrantStore) rather than SQLite's prepared statements: the same
/// rules hold there — new organisations created once, re-imports updating in place and only real changes counted,
/// refused files leaving nothing. Skipped when no server is configured.
/// </summary>
public sealed class PostgresGrantImportTests : IAsyncLifetime
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

    private PostgresFactory Factory
    {
        get
        {
            if (_factory is null) Assert.Skip($"No PostgreSQL server: set {PostgresFactory.EnvironmentVariable} (./test.sh starts one).");
            return _factory;
        }
    }

    private async Task<GrantImportOutcome> ImportAsync(params JsonObject[] grants)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), Factory.Clock);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(GrantFiles.Package(grants))),
            new GrantReadOptions { DatasetName = "pg.json" }, Ct);
        return await importer.ImportAsync(rows, new GrantImportOptions("pg.json", "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false), null, Ct);
    }

    private async Task<T> QueryAsync<T>(Func<HealthAccordDbContext, Task<T>> query)
    {
        using var scope = Factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    [Fact]
    public Task An_import_links_its_grants_as_the_rules_say_and_relink_then_changes_nothing() => ImportLinkScenario.RunAsync(Factory);

    [Fact]
    public async Task Grants_import_and_re_import_in_place_with_only_real_changes_counted()
    {
        var first = await ImportAsync(GrantFiles.ValidGrant("PG-1"), GrantFiles.ValidGrant("PG-2"), GrantFiles.ValidGrant("PG-3"));

        Assert.True(first.Succeeded);
        Assert.Equal(3, first.GrantsImported);
        // One funder and one recipient, shared by the three grants.
        Assert.Equal(2, first.OrganisationsCreated);
        var before = await QueryAsync(db => db.Grants.OrderBy(g => g.Identifier).Select(g => new { g.Identifier, g.Id, g.Version, g.UpdatedAt }).ToListAsync(Ct));
        Assert.Equal(2, await QueryAsync(db => db.OrganisationIdentifiers.CountAsync(i => i.Value == "GB-CHC-000001" || i.Value == "XI-ROR-03yrm5c26", Ct)));

        var changed = GrantFiles.ValidGrant("PG-2");
        changed["amountAwarded"] = 26000;
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var second = await ImportAsync(GrantFiles.ValidGrant("PG-1"), changed, GrantFiles.ValidGrant("PG-3"));

        Assert.Equal((0, 1, 2, 0), (second.GrantsImported, second.GrantsUpdated, second.GrantsUnchanged, second.OrganisationsCreated));
        var after = await QueryAsync(db => db.Grants.Include(g => g.Participants).OrderBy(g => g.Identifier).ToListAsync(Ct));
        Assert.Equal(before.Select(g => g.Id), after.Select(g => g.Id));
        Assert.Equal([before[0].Version, before[1].Version + 1, before[2].Version], after.Select(g => g.Version));
        Assert.Equal(before[0].UpdatedAt, after[0].UpdatedAt);
        Assert.Equal(26000m, after[1].AmountAwarded);
        Assert.Equal([ParticipantRole.Funder, ParticipantRole.Lead], after[1].Participants.OrderBy(p => p.Position).Select(p => p.Role));
        Assert.Equal(2, await QueryAsync(db => db.ImportRuns.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_refused_file_leaves_no_grant_and_no_organisation()
    {
        var organisations = await QueryAsync(db => db.Organisations.CountAsync(Ct));
        var bad = GrantFiles.ValidGrant("PG-BAD");
        bad["amountAwarded"] = -1;

        var outcome = await ImportAsync(GrantFiles.ValidGrant("PG-GOOD"), bad);

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, await QueryAsync(db => db.Grants.CountAsync(Ct)));
        Assert.Equal(organisations, await QueryAsync(db => db.Organisations.CountAsync(Ct)));
    }
}
