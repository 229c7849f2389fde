using Microsoft.AspNetCore.Http.Extensions;

namespace HealthAccord.Web.Shared;

/// <summary>Links from a list page to the API's whole-list downloads, carrying the filters the page actually used.</summary>
public sealed record DownloadLinks(string Csv, string Json)
{
    /// <summary>Filters with a null or blank value are left out.</summary>
    public static DownloadLinks For(string apiPath, params (string Name, string? Value)[] filters)
    {
        var used = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new KeyValuePair<string, string>(f.Name, f.Value!)).ToList();
        return new DownloadLinks(
            apiPath + new QueryBuilder([new("format", "csv"), .. used]).ToQueryString(),
            apiPath + new QueryBuilder([new("format", "json"), .. used]).ToQueryString());
    }
}
