using HealthAccord.Data;
using HealthAccord.Web.History;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "HealthAccord";
    public const string DefaultSqliteConnection = "Data Source=data/healthaccord.db";

    /// <summary>
    /// Registers the DbContext for the configured provider (<c>Database:Provider</c>, Sqlite by default) with
    /// <c>ConnectionStrings:HealthAccord</c>; each provider keeps its migrations in its own assembly. The web host passes
    /// <c>site: true</c>: its SQLite connections read through a memory map (<see cref="SqliteMemoryMapping"/>).
    /// </summary>
    public static IServiceCollection AddHealthAccordDatabase(this IServiceCollection services, IConfiguration configuration, bool site = false)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var memoryMapping = site && provider == DatabaseProvider.Sqlite ? SqliteMemoryMapping.FromConfiguration(configuration) : null;
        services.AddChangeHistory();
        services.AddDbContext<HealthAccordDbContext>((scope, options) =>
        {
            Configure(options, provider, connectionString);
            // Lets a change being recorded see each save; contexts with no recording are untouched.
            options.AddInterceptors(scope.GetRequiredService<HistoryInterceptor>());
            if (memoryMapping is not null) options.AddInterceptors(memoryMapping);
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:HealthAccord is empty.");
                options.UseNpgsql(connectionString, o => o.MigrationsAssembly("HealthAccord.Migrations.Postgres"));
                break;
            default:
                options.UseSqlite(PrepareSqlite(connectionString ?? DefaultSqliteConnection),
                    o => o.MigrationsAssembly("HealthAccord.Migrations.Sqlite"));
                break;
        }
    }

    /// <summary>Creates the folder of a SQLite file so the first start needs no manual step.</summary>
    private static string PrepareSqlite(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        return builder.ToString();
    }
}
