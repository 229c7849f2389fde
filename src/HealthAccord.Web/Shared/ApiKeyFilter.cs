using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Interim protection for writes until accounts exist: a request must carry the key configured in
/// <c>Api:WriteKey</c>, as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. With no key configured,
/// every write is refused.
/// </summary>
public sealed class ApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var configured = configuration["Api:WriteKey"];
        if (string.IsNullOrEmpty(configured))
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Writes are disabled",
                Detail = "This server has no API write key configured (Api:WriteKey), so it accepts no changes.",
            });
        }
        var presented = Presented(context.HttpContext.Request);
        if (presented is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured)))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = presented is null ? "API key required" : "API key not accepted",
                Detail = $"Changes need the editors' API key in an {HeaderName} header or as a Bearer token.",
            });
        }
        return await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var key) && !string.IsNullOrEmpty(key)) return key.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }
}
