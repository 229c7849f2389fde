using Microsoft.AspNetCore.OutputCaching;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Registry reads change only when an editor writes, so whole responses (pages and API JSON) are kept in memory and
/// dropped the moment any write succeeds on this instance. The expiry bounds staleness for changes made elsewhere
/// (another instance, the CLI) and for progress that depends on today's date. <c>Caching:Seconds</c> = 0 turns it off.
/// </summary>
public static class RegistryCache
{
    public const string Policy = "registry";
    public const string Tag = "registry";

    public static IServiceCollection AddRegistryCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Caching:Seconds", 60);
        services.AddOutputCache(options =>
        {
            options.AddPolicy(Policy, policy =>
            {
                if (seconds <= 0) policy.NoCache();
                else policy.Expire(TimeSpan.FromSeconds(seconds)).Tag(Tag).SetVaryByQuery("*");
            });
        });
        return services;
    }

    /// <summary>Runs after every write endpoint, whatever its outcome: evicting is cheap and never wrong.</summary>
    public static async ValueTask<object?> EvictAfterWrite(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var store = context.HttpContext.RequestServices.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(Tag, context.HttpContext.RequestAborted);
        return result;
    }
}
