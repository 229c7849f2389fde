using System.Data.Common;
using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

public static class GrantRegistration
{
    /// <summary>The grant index (one per app), the search that reads through it, and the first build of a missing index.</summary>
    public static IServiceCollection AddGrantSearch(this IServiceCollection services)
    {
        services.AddSingleton<GrantIndex>();
        services.AddSingleton<GrantLabels>();
        services.AddScoped<GrantSearch>();
        services.AddHostedService<GrantIndexStartup>();
        return services;
    }
}

/// <summary>
/// Builds the index in the background when the app starts with grants in the database but no index beside it (a
/// new deployment, or a deleted index folder), so searches fill up without a manual <c>reindex</c>. Until it
/// finishes, searches see an empty index.
/// </summary>
public sealed class GrantIndexStartup(GrantIndex index, IServiceScopeFactory scopes, ILogger<GrantIndexStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (index.Exists) return;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            if (!await db.Grants.AnyAsync(stoppingToken)) return;
        }
        logger.LogInformation("No grant index at {Folder}; building it from the database", index.Folder);
        // A failed first build must not stop the site (a background service's exception would): searches see an
        // empty index until it is rebuilt.
        try
        {
            await index.RebuildAsync(ct: stoppingToken);
        }
        catch (IOException e)
        {
            logger.LogError(e, "Building the grant index at {Folder} failed; run the reindex verb", index.Folder);
        }
        catch (DbException e)
        {
            logger.LogError(e, "Reading grants to build the index failed; run the reindex verb when the database is available");
        }
    }
}
