using System.Net;
using HealthAccord.Data.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>
/// The real app, started through its own entry point (which migrates and seeds the database), against a SQLite
/// file in a temporary folder of its own, with a clock fixed at <see cref="Now"/> and rate limits off (the tests of
/// the limits switch them on). Accounts, tokens and signed-in clients come from <see cref="TestAccounts"/>.
/// Each instance is a separate database: share one per test class, and let tests that write use unique slugs.
/// </summary>
public class HealthAccordFactory : WebApplicationFactory<Program>
{
    /// <summary>The moment the app believes it is, so goal progress and year checks do not drift with the calendar.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("healthaccord-tests-").FullName;

    public string DatabasePath => Path.Combine(_folder, "test.db");

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>False for factories that point the app at another database than the temporary SQLite file.</summary>
    protected virtual bool UsesSqliteFile => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting rather than ConfigureAppConfiguration: the app reads the connection string while it registers
        // services, before configuration added by the factory later would be visible.
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:HealthAccord", $"Data Source={DatabasePath}");
        // On PostgreSQL there is no database file for the index to sit beside, and the default folder under the
        // working directory would be shared, with factories fighting over Lucene's write lock.
        if (!UsesSqliteFile) builder.UseSetting("Search:IndexPath", Path.Combine(_folder, "grants-index"));
        builder.UseSetting("RateLimiting:Api:PerAddressPerMinute", "0");
        builder.UseSetting("RateLimiting:Api:PerTokenPerMinute", "0");
        builder.UseSetting("RateLimiting:SignIn:PerAddressPerMinute", "0");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(new XunitLoggerProvider()));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Run each in-memory request in the calling test's execution context, so what the app logs while
            // serving it lands in that test's output.
            services.Configure<TestServerOptions>(options => options.PreserveExecutionContext = true);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // Guards the guard: if the settings above were ever lost on the way into the app, tests would silently
        // run against the developer's own database file instead of this throw-away one.
        if (UsesSqliteFile && !File.Exists(DatabasePath))
            throw new InvalidOperationException($"The app did not create the test database at {DatabasePath}.");
        return host;
    }

    /// <summary>A client that sends an administrator's API token: it may make every write the API has.</summary>
    public HttpClient CreateAdministratorClient() => this.CreateClientWithToken(this.CreateToken(this.CreateAccount(AccountRoles.Administrator).Id));

    /// <summary>Serves the app on real Kestrel at a free loopback port (for a browser) and returns its address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        // Pooled connections keep the file open; release them before removing the folder.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
