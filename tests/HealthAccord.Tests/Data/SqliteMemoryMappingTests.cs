using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Transfer;
using HealthAccord.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Data;

/// <summary>
/// The site reads its SQLite file through a memory map of the configured size; the command-line verbs' host does
/// not, so that an import's resident memory is its own (SqliteMemoryMapping explains both).
/// </summary>
public sealed class SqliteMemoryMappingTests
{
    private static async Task<long> MapSizeAsync(HealthAccordDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA mmap_size";
            return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task The_site_maps_the_configured_size()
    {
        await using var factory = new HealthAccordFactory();
        await using var configured = factory.WithWebHostBuilder(b => b.UseSetting(SqliteMemoryMapping.Setting, "64"));
        using var scope = configured.Services.CreateScope();
        Assert.Equal(64L * 1024 * 1024, await MapSizeAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>()));
    }

    [Fact]
    public async Task Zero_switches_it_off_for_the_site()
    {
        await using var factory = new HealthAccordFactory();
        await using var configured = factory.WithWebHostBuilder(b => b.UseSetting(SqliteMemoryMapping.Setting, "0"));
        using var scope = configured.Services.CreateScope();
        Assert.Equal(0L, await MapSizeAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>()));
    }

    [Fact]
    public async Task Command_line_verbs_read_without_a_map()
    {
        await using var database = await EmptyRegistryDatabase.CreateAsync();
        Assert.Equal(0L, await database.UseAsync(MapSizeAsync));
    }
}
