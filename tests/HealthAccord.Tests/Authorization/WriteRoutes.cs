using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>A write route as the running app maps it, e.g. <c>PUT /api/v1/goals/{id:int}</c>.</summary>
public sealed record WriteRoute(string Method, string Pattern)
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    public override string ToString() => $"{Method} {Pattern}";

    /// <summary>
    /// Every write route under /api/v1, read from the app's endpoint data sources rather than listed by hand: a new
    /// write endpoint shows up here (and in the matrix) without anyone remembering to add it.
    /// </summary>
    public static List<WriteRoute> Of(HealthAccordFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods)
                .Select(method => new WriteRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
}
