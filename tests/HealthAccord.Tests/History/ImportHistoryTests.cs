using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Tests.Grants;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.History;

/// <summary>A grant import is one line in the history, naming the file and its counts, written only when the import is.</summary>
public sealed class ImportHistoryTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<GrantImportOutcome> ImportAsync(string package, GrantImportOptions options)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), factory.Clock);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(package)), new GrantReadOptions { DatasetName = options.FileName }, Ct);
        return await importer.ImportAsync(rows, options, null, Ct);
    }

    private async Task<List<ChangeSet>> ImportChangesAsync(string file)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.ChangeSets.AsNoTracking().Include(s => s.Records).Where(s => s.Summary.Contains(file)).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_grant_import_is_one_change_set_with_the_file_and_its_counts_and_a_refused_one_leaves_none()
    {
        var file = $"history-{Guid.NewGuid():N}.json";
        var good = GrantFiles.ValidGrant($"360G-history-{Guid.NewGuid():N}");
        var bad = GrantFiles.ValidGrant($"360G-history-{Guid.NewGuid():N}");
        bad["amountAwarded"] = -5;
        var package = new JsonObject { ["grants"] = new JsonArray(good, bad) }.ToJsonString();
        var author = new ChangeAuthor("user-7", "Grace Editor");

        var refused = await ImportAsync(package, new GrantImportOptions(file, "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false) { Author = author });
        Assert.False(refused.Succeeded);
        Assert.Empty(await ImportChangesAsync(file));

        var imported = await ImportAsync(package, new GrantImportOptions(file, "360giving-json", _ => Task.FromResult("test"), SkipInvalid: true) { Author = author });
        Assert.True(imported.Succeeded);

        var change = Assert.Single(await ImportChangesAsync(file));
        Assert.Equal(ChangeSource.Import, change.Source);
        Assert.Equal(("user-7", "Grace Editor"), (change.ActorId, change.ActorName));
        Assert.Equal(HealthAccordFactory.Now.UtcDateTime, change.At);
        Assert.StartsWith($"Imported grants from {file} (360giving-json): 1 new and 0 updated from 2 row(s), 1 invalid row(s) skipped",
            change.Summary, StringComparison.Ordinal);
        Assert.Empty(change.Records);
    }

    [Fact]
    public async Task Without_a_named_author_the_import_is_the_command_line_users()
    {
        var file = $"history-{Guid.NewGuid():N}.json";
        await ImportAsync(GrantFiles.Package(GrantFiles.ValidGrant($"360G-history-{Guid.NewGuid():N}")),
            new GrantImportOptions(file, "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false));

        var change = Assert.Single(await ImportChangesAsync(file));
        Assert.Equal($"cli:{Environment.UserName}", change.ActorId);
    }
}
