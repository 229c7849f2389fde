using System.Data.Common;
using HealthAccord.Data;
using HealthAccord.Web.Grants.Export;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

public static class GrantRegistration
{
    /// <summary>The grant index (one per app), the search and the export that read through it, and the first build of a missing index.</summary>
    public static IServiceCollection AddGrantSearch(this IServiceCollection services)
    {
        services.AddSingleton<GrantIndex>();
        services.AddSingleton<GrantLabels>();
        services.AddScoped<GrantSearch>();
        services.AddScoped<GrantExporter>();
        services.AddHostedService<GrantIndexStartup>();
        return services;
    }

    /// <summary>Hand edits of grants, with the reference data an import converts and tags with, loaded once.</summary>
    public static IServiceCollection AddGrantEditing(this IServiceCollection services)
    {
        services.AddSingleton(_ => ExchangeRates.LoadDefault());
        services.AddSingleton(_ => HrcsCategories.LoadDefault());
        services.AddSingleton(_ => new PathogenTagger());
        services.AddScoped<Editing.GrantEditor>();
        return services;
    }
}

/// <summary>
/// Opens the index in the background as the app starts. When there is none but the database has grants (a new
/// deployment, or a deleted index folder) it builds one, so searches fill up without a manual <c>reindex</c>; until
/// it finishes, searches see an empty index. An index written before the catch-all text field is rebuilt the same
/// way, and serves searches field by field until the new one replaces it. So is an index that holds a different
/// number of grants than the database: an import whose index update failed after its database commit (or that ran
/// from the command line while a server held the index) leaves its grants unsearchable until a rebuild, and the
/// next start repairs it by itself.
/// </summary>
public sealed class GrantIndexStartup(GrantIndex index, IServiceScopeFactory scopes, ILogger<GrantIndexStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Checked before the first await, so before the app serves a search (which would create an empty index).
        var exists = index.Exists;
        await Task.Yield();
        if (exists)
        {
            // Opening the index copies every segment's facet ordinals (about two seconds at a million grants):
            // done here rather than in the first visitor's request. A failure (another process holding the write
            // lock, a damaged folder) is logged, not thrown: a background service's exception would stop the site.
            bool current;
            int indexed;
            try
            {
                (current, indexed) = index.Search(searcher => (GrantDocuments.HasCatchAll(searcher.IndexReader), searcher.IndexReader.NumDocs));
            }
            catch (IOException e)
            {
                logger.LogError(e, "Opening the grant index at {Folder} failed; searches will retry, or run the reindex verb", index.Folder);
                return;
            }
            if (!current)
            {
                logger.LogInformation("The grant index at {Folder} was written by an earlier version, without the catch-all text field; rebuilding it from the database", index.Folder);
            }
            else
            {
                int stored;
                try
                {
                    using var scope = scopes.CreateScope();
                    stored = await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Grants.CountAsync(stoppingToken);
                }
                catch (DbException e)
                {
                    logger.LogError(e, "Counting the grants to check the index failed; searches use the index as it is");
                    return;
                }
                if (stored == indexed) return;
                logger.LogWarning("The grant index at {Folder} holds {Indexed} grant(s) and the database {Stored}; rebuilding the index from the database", index.Folder, indexed, stored);
            }
        }
        else
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            if (!await db.Grants.AnyAsync(stoppingToken)) return;
            logger.LogInformation("No grant index at {Folder}; building it from the database", index.Folder);
        }
        // A failed build must not stop the site (a background service's exception would): searches keep the index
        // they have (an empty one on a first build) until it is rebuilt.
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
