using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The writing side of grant imports on a real SQLite file: counts from the real 360Giving files, the all-or-nothing
/// rule, idempotent re-imports, and what an import derives (euro amounts, organisations, pathogens).
/// Each test gets its own database, since imports change what the others would count.
/// </summary>
public sealed class GrantImporterTests : IAsyncLifetime
{
    private readonly HealthAccordFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<GrantImportOutcome> ImportAsync(Stream stream, string name, bool skipInvalid = false, string? dateFormat = null)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), _factory.Clock);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(stream, new GrantReadOptions { DatasetName = name, DateFormat = dateFormat }, Ct);
        return await importer.ImportAsync(rows, new GrantImportOptions(name, "360giving-json", _ => Task.FromResult("test"), skipInvalid), null, Ct);
    }

    private Task<GrantImportOutcome> ImportPackageAsync(string name, params JsonObject[] grants) =>
        ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(GrantFiles.Package(grants))), name);

    private async Task<GrantImportOutcome> ImportFileAsync(string path, bool skipInvalid = false, string? dateFormat = null)
    {
        await using var stream = File.OpenRead(path);
        return await ImportAsync(stream, Path.GetFileName(path), skipInvalid, dateFormat);
    }

    private async Task<T> QueryAsync<T>(Func<HealthAccordDbContext, Task<T>> query)
    {
        using var scope = _factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    private Task<(int Grants, int Participants, int Organisations, int Runs)> CountsAsync() => QueryAsync(async db =>
        (await db.Grants.CountAsync(Ct), await db.GrantParticipants.CountAsync(Ct), await db.Organisations.CountAsync(Ct), await db.ImportRuns.CountAsync(Ct)));

    [Fact]
    public async Task The_covid19_tracker_file_imports_1978_grants_with_euro_amounts_at_the_award_date_rate()
    {
        var outcome = await ImportFileAsync(GrantFiles.Tracker);

        Assert.True(outcome.Succeeded);
        Assert.Equal(1978, outcome.RowsRead);
        Assert.Equal(1978, outcome.GrantsImported);
        var grant = await QueryAsync(db => db.Grants.Include(g => g.Participants).ThenInclude(p => p.Organisation)
            .Include(g => g.Countries).Include(g => g.Pathogens).SingleAsync(g => g.Identifier == "360G-woodward:WCT2962", Ct));
        Assert.Equal("GBP", grant.Currency);
        Assert.Equal(10000m, grant.AmountAwarded);
        Assert.Equal(new DateOnly(2020, 3, 17), grant.AwardDate);
        // The ECB's GBP rate of 17 March 2020 was 0.90823 pounds per euro.
        Assert.Equal(0.90823m, grant.EurRate);
        Assert.Equal(new DateOnly(2020, 3, 17), grant.EurRateDate);
        Assert.Equal(11010.43m, grant.AmountEur);
        Assert.Contains(grant.Countries, c => c.CountryCode == "GB");
        Assert.Contains(grant.Pathogens, p => p.Pathogen == "covid-19");
        Assert.Equal("Woodward Charitable Trust", Assert.Single(grant.Participants, p => p.Role == ParticipantRole.Funder).Organisation.Name);
        Assert.Equal(1978, (await CountsAsync()).Grants);
    }

    [Fact]
    public async Task Re_importing_the_same_file_changes_nothing_not_even_versions_or_update_times()
    {
        await ImportFileAsync(GrantFiles.Tracker);
        var first = await CountsAsync();
        var before = await QueryAsync(db => db.Grants.OrderBy(g => g.Identifier).Select(g => new { g.Id, g.Version, g.UpdatedAt }).ToListAsync(Ct));
        _factory.Clock.Advance(TimeSpan.FromDays(1));

        var again = await ImportFileAsync(GrantFiles.Tracker);

        Assert.True(again.Succeeded);
        Assert.Equal(0, again.GrantsImported);
        Assert.Equal(0, again.GrantsUpdated);
        Assert.Equal(1978, again.GrantsUnchanged);
        Assert.Equal(0, again.OrganisationsCreated);
        var second = await CountsAsync();
        Assert.Equal(first.Grants, second.Grants);
        Assert.Equal(first.Participants, second.Participants);
        Assert.Equal(first.Organisations, second.Organisations);
        Assert.Equal(before, await QueryAsync(db => db.Grants.OrderBy(g => g.Identifier).Select(g => new { g.Id, g.Version, g.UpdatedAt }).ToListAsync(Ct)));
        Assert.Equal("1978 grant(s) unchanged.", await QueryAsync(db => db.ImportRuns.OrderBy(r => r.Id).Select(r => r.Message).LastAsync(Ct)));
    }

    [Fact]
    public async Task A_re_imported_grant_that_changed_keeps_its_id_takes_the_new_values_and_alone_gets_a_new_version()
    {
        await ImportPackageAsync("v1.json", GrantFiles.ValidGrant("360G-test-same"), GrantFiles.ValidGrant("360G-test-changed"));
        var before = await QueryAsync(db => db.Grants.Where(g => g.Identifier.StartsWith("360G-test-")).ToDictionaryAsync(g => g.Identifier, Ct));
        var changed = GrantFiles.ValidGrant("360G-test-changed");
        changed["amountAwarded"] = 30000;
        changed["title"] = "Community health workers for cholera follow-up";
        changed["recipientOrganization"]!.AsArray().Add(new JsonObject { ["id"] = "GB-CHC-000002", ["name"] = "Second Partner Trust" });
        _factory.Clock.Advance(TimeSpan.FromHours(3));

        var outcome = await ImportPackageAsync("v1.json", GrantFiles.ValidGrant("360G-test-same"), changed);

        Assert.Equal((0, 1, 1), (outcome.GrantsImported, outcome.GrantsUpdated, outcome.GrantsUnchanged));
        Assert.Equal(1, outcome.OrganisationsCreated);
        var after = await QueryAsync(db => db.Grants.Include(g => g.Participants).ThenInclude(p => p.Organisation).Include(g => g.Pathogens)
            .Where(g => g.Identifier.StartsWith("360G-test-")).ToDictionaryAsync(g => g.Identifier, Ct));
        var same = after["360G-test-same"];
        Assert.Equal((before["360G-test-same"].Version, before["360G-test-same"].UpdatedAt), (same.Version, same.UpdatedAt));
        var updated = after["360G-test-changed"];
        Assert.Equal(before["360G-test-changed"].Id, updated.Id);
        Assert.Equal(before["360G-test-changed"].Version + 1, updated.Version);
        Assert.Equal(HealthAccordFactory.Now.AddHours(3).UtcDateTime, updated.UpdatedAt);
        Assert.Equal(before["360G-test-changed"].ImportedAt, updated.ImportedAt);
        Assert.Equal(30000m, updated.AmountAwarded);
        Assert.Equal(["Example Foundation", "Example University", "Second Partner Trust"],
            updated.Participants.OrderBy(p => p.Position).Select(p => p.Organisation.Name));
        // The new title names cholera instead of malaria: the tags follow.
        Assert.Equal(["cholera"], updated.Pathogens.Select(p => p.Pathogen));
    }

    private Task<List<string>> GrantIndexDefinitionsAsync() => QueryAsync(async db =>
    {
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'Grant%' ORDER BY name";
        var definitions = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) definitions.Add(reader.GetString(0));
        return definitions;
    });

    [Fact]
    public async Task A_first_load_builds_again_the_grant_indexes_it_set_aside_and_a_refused_one_leaves_them_as_they_were()
    {
        var before = await GrantIndexDefinitionsAsync();
        Assert.Contains(before, d => d.Contains("UNIQUE INDEX \"IX_Grants_Identifier\"", StringComparison.Ordinal));
        var bad = GrantFiles.ValidGrant("360G-test-bad");
        bad["amountAwarded"] = -5;

        Assert.False((await ImportPackageAsync("refused.json", GrantFiles.ValidGrant("360G-test-good"), bad)).Succeeded);
        Assert.Equal(before, await GrantIndexDefinitionsAsync());

        Assert.True((await ImportFileAsync(GrantFiles.Tracker)).Succeeded);
        Assert.Equal(before, await GrantIndexDefinitionsAsync());
        // The rebuilt unique index is enforced.
        await Assert.ThrowsAsync<DbUpdateException>(() => QueryAsync(async db =>
        {
            db.Grants.Add(new Grant { Identifier = "360G-woodward:WCT2962", Title = "Copy", Currency = "GBP", SourceDataset = "test" });
            return await db.SaveChangesAsync(Ct);
        }));
    }

    [Fact]
    public async Task The_wolfson_file_is_refused_with_a_row_numbered_date_report_and_accepted_with_its_date_format()
    {
        var before = await CountsAsync();

        var refused = await ImportFileAsync(GrantFiles.Wolfson);

        Assert.False(refused.Succeeded);
        Assert.Equal(379, refused.RowsInvalid);
        var first = refused.Issues.First(i => i.Field == "awardDate");
        Assert.Equal("05/06/2014", first.Value);
        Assert.True(first.Row >= 1);
        Assert.Equal(before, await CountsAsync());

        var accepted = await ImportFileAsync(GrantFiles.Wolfson, dateFormat: "dd/MM/yyyy");
        Assert.True(accepted.Succeeded);
        Assert.Equal(379, accepted.GrantsImported);
        Assert.Equal(new DateOnly(2014, 6, 5),
            await QueryAsync(db => db.Grants.Where(g => g.Identifier == "360G-wolfson-19747").Select(g => g.AwardDate).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_file_cut_off_half_way_leaves_the_database_exactly_as_it_was()
    {
        var bytes = await File.ReadAllBytesAsync(GrantFiles.Tracker, Ct);
        var before = await CountsAsync();

        var outcome = await ImportAsync(new MemoryStream(bytes[..(bytes.Length / 2)]), "truncated.json");

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Issues, i => i.IsFileLevel);
        Assert.Equal(before, await CountsAsync());
        Assert.Equal("ok", await QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            return (string)(await command.ExecuteScalarAsync(Ct))!;
        }));
    }

    [Fact]
    public async Task One_invalid_row_stops_the_file_unless_invalid_rows_are_skipped()
    {
        var good = GrantFiles.ValidGrant("360G-test-good");
        var bad = GrantFiles.ValidGrant("360G-test-bad");
        bad["amountAwarded"] = -5;
        var package = new JsonObject { ["grants"] = new JsonArray(good, bad) }.ToJsonString();

        var refused = await ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(package)), "mixed.json");
        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Issues, i => i.Row == 2 && i.Field == "amountAwarded");
        Assert.Equal(0, await QueryAsync(db => db.Grants.CountAsync(g => g.Identifier.StartsWith("360G-test-"), Ct)));

        var skipped = await ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(package)), "mixed.json", skipInvalid: true);
        Assert.True(skipped.Succeeded);
        Assert.Equal(1, skipped.GrantsImported);
        Assert.Equal(1, skipped.RowsInvalid);
        Assert.Equal(["360G-test-good"], await QueryAsync(db => db.Grants.Where(g => g.Identifier.StartsWith("360G-test-")).Select(g => g.Identifier).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Funders_are_matched_to_one_organisation_across_files_and_new_ones_are_flagged_for_review()
    {
        await ImportFileAsync(GrantFiles.Tracker);
        await ImportFileAsync(GrantFiles.Wolfson, dateFormat: "dd/MM/yyyy");

        var wolfson = await QueryAsync(db => db.OrganisationIdentifiers.Where(i => i.Value == "GB-CHC-1156077")
            .Select(i => new { i.Organisation.Name, i.Organisation.NeedsReview, Grants = db.GrantParticipants.Count(p => p.OrganisationId == i.OrganisationId && p.Role == ParticipantRole.Funder) })
            .SingleAsync(Ct));
        Assert.Equal("Wolfson Foundation", wolfson.Name);
        Assert.True(wolfson.NeedsReview);
        Assert.Equal(379, wolfson.Grants);
        Assert.Equal(2, await QueryAsync(db => db.ImportRuns.CountAsync(r => r.Status == ImportStatus.Succeeded, Ct)));
    }
}
