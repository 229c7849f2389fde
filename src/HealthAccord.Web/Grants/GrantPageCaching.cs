using Microsoft.AspNetCore.OutputCaching;

namespace HealthAccord.Web.Grants;

public static class GrantPageCaching
{
    /// <summary>
    /// Keeps this response out of the output cache that every Razor page gets (see RegistryCache): grant pages
    /// show the index and database as they are now, which imports and rebuilds change without an editor's write.
    /// </summary>
    public static void DoNotCache(HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
    }
}
