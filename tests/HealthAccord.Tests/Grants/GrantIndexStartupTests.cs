using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

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
}
