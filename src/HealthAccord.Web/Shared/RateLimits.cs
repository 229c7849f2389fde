using System.Globalization;
using System.Threading.RateLimiting;
using HealthAccord.Web.ApiTokens;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Fixed one-minute windows, counted in this instance's memory: the API per client address and, separately, per
/// bearer token (so a token shared across many machines is still bounded), and the anonymous account forms (sign-in,
/// codes, password links) per address. A rejected request gets 429 with Retry-After; the API's as a problem document.
/// Settings under <c>RateLimiting:</c>; 0 switches a limit off.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy named on the sign-in, code and password-link pages; it counts their POSTs only.</summary>
    public const string AccountForms = "account-forms";

    public static IServiceCollection AddHealthAccordRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var formsPerAddress = configuration.GetValue("RateLimiting:SignIn:PerAddressPerMinute", 10);
        var apiPerAddress = configuration.GetValue("RateLimiting:Api:PerAddressPerMinute", 600);
        var apiPerToken = configuration.GetValue("RateLimiting:Api:PerTokenPerMinute", 600);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(AccountForms, context => HttpMethods.IsPost(context.Request.Method)
                ? Window("forms " + AddressOf(context), formsPerAddress)
                : RateLimitPartition.GetNoLimiter(""));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsApi(context)
                    ? Window("api address " + AddressOf(context), apiPerAddress)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsApi(context) && BearerOf(context) is { } token
                    // Keyed by the token's digest, so the limiter's table holds no usable tokens.
                    ? Window("api token " + ApiTokenSecret.Hash(token), apiPerToken)
                    : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permitsPerMinute) => permitsPerMinute <= 0
        ? RateLimitPartition.GetNoLimiter(key)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api/v1");

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? BearerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // Pages leave the body to the status-code page (/errors/429); the API answers in its own format.
        if (!IsApi(http)) return;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has sent more requests than the API accepts in a minute. Try again in {seconds} seconds.",
            },
        });
    }
}
