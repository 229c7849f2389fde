using HealthAccord.Data;
using HealthAccord.Web;
using HealthAccord.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthAccord.Tests.Transfer;

/// <summary>
/// A migrated database with reference data and no registry records, on a SQLite file in a folder of its own:
/// what the CLI's migrate verb leaves behind, built with the same host the CLI verbs use.
/// </summary>
public sealed class EmptyRegistryDatabase : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("healthaccord-transfer-").FullName;
    private readonly IHost _host;

    private EmptyRegistryDatabase()
    {
        _host = HealthAccordApp.BuildForCommand(["--Database:Provider=Sqlite", $"--ConnectionStrings:HealthAccord=Data Source={DatabasePath}"]);
    }

    public string DatabasePath => Path.Combine(_folder, "registry.db");

    public static async Task<EmptyRegistryDatabase> CreateAsync()
    {
        var database = new EmptyRegistryDatabase();
        var report = await DatabaseSetup.PrepareAsync(database._host.Services, seedRegistry: false, TestContext.Current.CancellationToken);
        Assert.Null(report.Registry);
        return database;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext of its own, as each CLI verb does.</summary>
    public async Task<T> UseAsync<T>(Func<HealthAccordDbContext, Task<T>> work)
    {
        using var scope = _host.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
        else _host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
