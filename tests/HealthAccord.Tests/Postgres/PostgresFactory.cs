using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// The app on PostgreSQL: a fresh database per factory on the server named by HEALTHACCORD_TEST_POSTGRES
/// (./test.sh starts a private one), dropped again on dispose.
/// </summary>
public sealed class PostgresFactory : HealthAccordFactory
{
    public const string EnvironmentVariable = "HEALTHACCORD_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _database = "healthaccord_test_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresFactory()
    {
        _server = Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? throw new InvalidOperationException($"{EnvironmentVariable} is not set.");
    }

    public static bool IsConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    protected override bool UsesSqliteFile => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:HealthAccord", ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        GC.SuppressFinalize(this);
    }
}
