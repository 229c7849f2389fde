using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HealthAccord.Migrations.Postgres;

/// <summary>Lets `dotnet ef` build the model for PostgreSQL without a server or the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HealthAccordDbContext>
{
    public HealthAccordDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HealthAccordDbContext>()
            .UseNpgsql("Host=localhost;Database=healthaccord_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
