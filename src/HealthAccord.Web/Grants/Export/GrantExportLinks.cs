using Microsoft.AspNetCore.Http.Extensions;

namespace HealthAccord.Web.Grants.Export;

/// <summary>A download link for one format, as the /grants page lists them.</summary>
public sealed record GrantExportLink(GrantExportFormat Format, string Href);

public static class GrantExportLinks
{
    public const string ApiPath = "/api/v1/grants/export";

    /// <summary>
    /// Links that export the search the page actually ran: its words, ticked values, live filter and the order the
    /// reader chose. Values the page set aside as invalid are not carried, so a link never answers 400.
    /// </summary>
    public static IReadOnlyList<GrantExportLink> For(GrantSearchQuery query, GrantSort? chosenSort)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (query.Text is { } text) parameters.Add(new("q", text));
        foreach (var facet in GrantFacet.All)
        {
            foreach (var value in query.Selected(facet)) parameters.Add(new(facet.Key, value));
        }
        if (query.Live) parameters.Add(new("live", "true"));
        if (chosenSort is { } sort) parameters.Add(new("sort", GrantSearchRequest.SortName(sort)));
        return GrantExportFormat.All
            .Select(f => new GrantExportLink(f, ApiPath + new QueryBuilder([new("format", f.Name), .. parameters]).ToQueryString()))
            .ToList();
    }
}
