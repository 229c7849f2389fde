using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Data;

/// <summary>Each provider's migrations must describe the current model: a model change without a migration fails here.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        var options = new DbContextOptionsBuilder<HealthAccordDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsAssembly("HealthAccord.Migrations.Sqlite"))
            .Options;
        using var db = new HealthAccordDbContext(options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        // No server is contacted: the model is compared with the migrations' snapshot.
        var options = new DbContextOptionsBuilder<HealthAccordDbContext>()
            .UseNpgsql("Host=localhost", o => o.MigrationsAssembly("HealthAccord.Migrations.Postgres"))
            .Options;
        using var db = new HealthAccordDbContext(options);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }
}
