using System.Reflection;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// The export as an HTTP response: a download streamed while it is written (chunked, no Content-Length), so the
/// first rows reach the client while later ones are still being read. Without ETag: the file is not built before
/// it is sent, so there is nothing to hash.
/// </summary>
public sealed class GrantExportResult(GrantSearchQuery query, GrantExportFormat format) : IResult, IEndpointMetadataProvider
{
    public GrantSearchQuery Query => query;

    public GrantExportFormat Format => format;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var exporter = httpContext.RequestServices.GetRequiredService<GrantExporter>();
        var clock = httpContext.RequestServices.GetRequiredService<TimeProvider>();
        var response = httpContext.Response;
        // Nothing between here and the client may hold the whole body (compression or buffering middleware).
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = GrantExportDescription.FileName(query, format, clock.Today()),
        }.ToString();
        response.Headers.CacheControl = "no-store";
        var request = httpContext.Request;
        await exporter.ExportAsync(query, format, response.Body, $"{request.Scheme}://{request.Host}{request.PathBase}", httpContext.RequestAborted);
    }

    /// <summary>
    /// Declares the JSON body (the same records as the detail endpoint); the endpoint's OpenAPI transformer adds CSV
    /// and XLSX beside it, since one response metadata names one body type.
    /// </summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IReadOnlyList<GrantDetail>), ["application/json"]));
}
