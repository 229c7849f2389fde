using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Data;

/// <summary>Brings a database to the current schema and reference data, and optionally seeds the registry.</summary>
public static class DatabaseSetup
{
    public static async Task<SetupReport> PrepareAsync(IServiceProvider services, bool seedRegistry, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup));

        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers continue while an import or edit writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        if (pending.Count > 0) logger.LogInformation("Applied {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));

        var reference = await ReferenceDataSeeder.EnsureAsync(db, ct);
        var registry = seedRegistry ? await RegistrySeeder.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct) : null;
        return new SetupReport(pending, reference, registry);
    }
}

public sealed record SetupReport(IReadOnlyList<string> AppliedMigrations, int ReferenceRowsAdded, SeedResult? Registry);
