using HealthAccord.Web.Account;
using Microsoft.Extensions.DependencyInjection.Extensions;
using HealthAccord.Web.Data;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web;

/// <summary>Builds the web application: services, middleware and every feature's pages and endpoints.</summary>
public static class HealthAccordApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Serves wwwroot (and library assets) when run from the build output in any environment, as `dotnet run`
        // does; a published app carries its assets itself and ignores this.
        builder.WebHost.UseStaticWebAssets();
        // Request lines include the query string, where password links carry their one-time code: however verbose
        // the configured logging, the hosting diagnostics that print them stay at warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthAccordDatabase(builder.Configuration, site: true);
        builder.Services.AddHealthAccordWeb(builder.Configuration);
        // The build-time OpenAPI generator starts the app on a database with no tables. The start-up work that reads
        // it (opening the grant index, loading the data-protection key ring) would fail there, and the document needs
        // none of it.
        if (Cli.HealthAccordCli.IsOpenApiGeneration) builder.Services.RemoveAll<IHostedService>();
        var app = builder.Build();
        app.UseHealthAccordWeb();
        return app;
    }

    /// <summary>Services only, for CLI verbs that work on the database without serving HTTP.</summary>
    public static IHost BuildForCommand(string[] args)
    {
        // A verb reads its configuration once. Watching the files for changes would watch the whole working folder,
        // which is where the database and the search index usually live, and every write of an import then wakes the
        // watcher (in a 25-second profile of a million-grant import its thread was running or waiting for a core for 3.4 s).
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthAccordDatabase(builder.Configuration);
        builder.Services.AddHealthAccordIdentity();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder.Build();
    }
}
