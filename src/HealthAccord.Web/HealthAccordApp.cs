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
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthAccordDatabase(builder.Configuration);
        builder.Services.AddHealthAccordWeb(builder.Configuration);
        var app = builder.Build();
        app.UseHealthAccordWeb();
        return app;
    }

    /// <summary>Services only, for CLI verbs that work on the database without serving HTTP.</summary>
    public static IHost BuildForCommand(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHealthAccordDatabase(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder.Build();
    }
}
