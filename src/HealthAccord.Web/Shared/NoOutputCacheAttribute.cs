using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OutputCaching;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Keeps a page out of the output cache that every Razor page gets (see RegistryCache). Pages with forms need it:
/// their antiforgery token belongs to one visitor's cookie, and a cached copy would hand it to the next visitor.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoOutputCacheAttribute : ResultFilterAttribute
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.HttpContext.Features.Get<IOutputCacheFeature>() is { } cache) cache.Context.AllowCacheStorage = false;
    }
}
