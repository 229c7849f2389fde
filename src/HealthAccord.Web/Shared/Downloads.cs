using System.Globalization;
using System.Reflection;
using CsvHelper;
using Microsoft.AspNetCore.Http.Metadata;

namespace HealthAccord.Web.Shared;

/// <summary>Whole-list downloads (every match, not one page) as CSV or JSON, with an ETag like any other read.</summary>
public sealed class DownloadResult(byte[] content, string contentType, string fileName) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var etag = ETags.FromBytes(content);
        httpContext.Response.Headers.ETag = etag;
        if (ETags.Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = content.Length;
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (!HttpMethods.IsHead(httpContext.Request.Method)) await httpContext.Response.Body.WriteAsync(content);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
}

public static class Downloads
{
    public static bool IsKnownFormat(string format) => format is "csv" or "json";

    /// <summary>The list as a file: CSV rows via <paramref name="toRow"/>, or the full DTOs as a JSON array.</summary>
    public static DownloadResult Create<TItem, TRow>(HttpContext http, string format, string baseName, IReadOnlyList<TItem> items, Func<TItem, TRow> toRow)
    {
        if (format == "json")
            return new DownloadResult(ETags.Serialize(items, http), "application/json; charset=utf-8", baseName + ".json");

        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(items.Select(toRow));
        }
        return new DownloadResult(buffer.ToArray(), "text/csv; charset=utf-8", baseName + ".csv");
    }
}
