using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Shared;

/// <summary>
/// A 200 JSON response with a strong ETag computed from the exact bytes sent; answers 304 when the request's
/// If-None-Match already names it. Write endpoints compare If-Match with <see cref="ETags.ComputeETag"/> of the current
/// representation, so "the version you read" means precisely what the reader saw.
/// </summary>
public sealed class EtaggedJson<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = ETags.Serialize(Value, httpContext);
        var etag = ETags.FromBytes(bytes);
        httpContext.Response.Headers.ETag = etag;
        httpContext.Response.Headers.CacheControl = "no-cache";
        if (ETags.Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method)) await httpContext.Response.Body.WriteAsync(bytes);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

public static class ETags
{
    public static EtaggedJson<T> Json<T>(T value) => new(value);

    public static byte[] Serialize<T>(T value, HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToUtf8Bytes(value, options);
    }

    public static string FromBytes(ReadOnlySpan<byte> bytes) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";

    public static string ComputeETag<T>(T value, HttpContext httpContext) => FromBytes(Serialize(value, httpContext));

    /// <summary>Weak comparison as RFC 9110 prescribes for If-None-Match; "*" matches any current representation.</summary>
    public static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag)
    {
        foreach (var value in header)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var bare = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
                if (bare == "*" || bare == etag) return true;
            }
        }
        return false;
    }
}
