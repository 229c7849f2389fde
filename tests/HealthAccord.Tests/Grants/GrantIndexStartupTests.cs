using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// An app started on a database that already has grants but no index beside it (a new deployment, a deleted index
/// folder) builds the index in the background.
/// </summary>
public sealed class GrantIndexStartupTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A second app on the first one's database, with an index folder of its own that does not exist yet.</summary>
    private sealed class SecondApp(string databasePath, string indexPath) : HealthAccordFactory
    {
        protected override bool UsesSqliteFile => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:HealthAccord", $"Data Source={databasePath}");
            builder.UseSetting("Search:IndexPath", indexPath);
        }
    }

    [Fact]
    public async Task An_app_without_an_index_builds_one_from_the_database_at_start()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            await new GrantBuilder("START-1", "Chagas disease in pregnancy").Funder("Startup Fund", "GB").SaveAsync(db, Ct);
        }
        var indexPath = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "second-index");
        Assert.False(Directory.Exists(indexPath));

        await using var second = new SecondApp(factory.DatabasePath, indexPath);
        var client = second.CreateClient();
        var index = second.Services.GetRequiredService<GrantIndex>();

        Assert.Equal(indexPath, index.Folder);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var total = 0;
        while (total == 0 && DateTime.UtcNow < deadline)
        {
            var page = await (await client.GetAsync("/api/v1/grants?q=chagas", Ct)).ReadJsonObjectAsync();
            total = (int)page["total"]!;
            if (total == 0) await Task.Delay(100, Ct);
        }
        Assert.Equal(1, total);
    }

    /// <summary>
    /// An index written before the catch-all text field keeps serving searches field by field, and is rebuilt from the
    /// database in the background into one that has it.
    /// </summary>
    [Fact]
    public async Task An_index_without_the_catch_all_field_is_rebuilt_at_start()
    {
        long id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            id = (await new GrantBuilder("LAYOUT-1", "Leishmaniasis vector control").Funder("Layout Fund", "GB").SaveAsync(db, Ct)).Id;
        }
        var indexPath = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "old-layout-index");
        const string generation = "gen-20250101-000000000-0ldl4y0t";
        await WriteIndexAsync(indexPath, generation, GrantCatchAllFieldTests.OldLayout(Row(id, "LAYOUT-1", "Leishmaniasis vector control")));

        await using var second = new SecondApp(factory.DatabasePath, indexPath);
        var client = second.CreateClient();
        var index = second.Services.GetRequiredService<GrantIndex>();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!index.Search(s => GrantDocuments.HasCatchAll(s.IndexReader)) && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
        Assert.True(index.Search(s => GrantDocuments.HasCatchAll(s.IndexReader)));
        Assert.False(Directory.Exists(Path.Combine(indexPath, generation)));
        var page = await (await client.GetAsync("/api/v1/grants?q=leishmaniasis%20vector", Ct)).ReadJsonObjectAsync();
        Assert.Equal(1, (int)page["total"]!);
    }

    /// <summary>
    /// An index that misses grants the database holds (an import whose index update failed after the database had
    /// committed) is rebuilt at start; an index that holds every grant is left as it is.
    /// </summary>
    [Fact]
    public async Task An_index_missing_grants_of_the_database_is_rebuilt_at_start_and_a_complete_one_is_not()
    {
        long kept;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            kept = (await new GrantBuilder("HEAL-1", "Buruli ulcer diagnostics").Funder("Healing Fund", "GB").SaveAsync(db, Ct)).Id;
            await new GrantBuilder("HEAL-2", "Mycetoma surgical outcomes").Funder("Healing Fund", "GB").SaveAsync(db, Ct);
        }
        var indexPath = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "incomplete-index");
        const string generation = "gen-20260101-000000000-1nc0mpl3";
        await WriteIndexAsync(indexPath, generation, GrantDocuments.Create(Row(kept, "HEAL-1", "Buruli ulcer diagnostics")));
        var pointer = Path.Combine(indexPath, "current");

        await using (var second = new SecondApp(factory.DatabasePath, indexPath))
        {
            var client = second.CreateClient();
            await StartupOf(second);

            Assert.NotEqual(generation, (await File.ReadAllTextAsync(pointer, Ct)).Trim());
            var page = await (await client.GetAsync("/api/v1/grants?q=mycetoma", Ct)).ReadJsonObjectAsync();
            Assert.Equal(1, (int)page["total"]!);
        }
        var rebuilt = (await File.ReadAllTextAsync(pointer, Ct)).Trim();

        await using (var third = new SecondApp(factory.DatabasePath, indexPath))
        {
            _ = third.CreateClient();
            await StartupOf(third);
        }
        Assert.Equal(rebuilt, (await File.ReadAllTextAsync(pointer, Ct)).Trim());
    }

    private static GrantIndexRow Row(long id, string identifier, string title) =>
        new(id, identifier, title, null, "GBP", null, new DateOnly(2024, 1, 1), null, null, [], [], [], []);

    /// <summary>An index folder whose current generation holds just <paramref name="document"/>.</summary>
    private static async Task WriteIndexAsync(string indexPath, string generation, Lucene.Net.Documents.Document document)
    {
        using (var directory = Lucene.Net.Store.FSDirectory.Open(Path.Combine(indexPath, generation)))
        using (var analyzer = GrantDocuments.CreateAnalyzer())
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(GrantDocuments.Version, analyzer)))
        {
            writer.AddDocument(document);
            writer.Commit();
        }
        await File.WriteAllTextAsync(Path.Combine(indexPath, "current"), generation, Ct);
    }

    /// <summary>Waits for the app's index start-up, rebuild included, to finish.</summary>
    private static async Task StartupOf(HealthAccordFactory app)
    {
        var startup = app.Services.GetServices<IHostedService>().OfType<GrantIndexStartup>().Single();
        await startup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60), Ct);
    }
}
