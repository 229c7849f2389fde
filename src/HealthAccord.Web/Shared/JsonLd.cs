using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Schema.org structured data for a page, serialised with System.Text.Json and written as a
/// <c>&lt;script type="application/ld+json"&gt;</c> block (data, not code, so a strict CSP allows it).
/// </summary>
public static class JsonLd
{
    // The default encoder escapes <, > and &, so record text can never close the script element early.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Default, WriteIndented = false };

    /// <summary>A schema.org node of the given type; add properties with the indexer or <see cref="Set"/>.</summary>
    public static JsonObject Node(string type, bool withContext = false)
    {
        var node = new JsonObject();
        if (withContext) node["@context"] = "https://schema.org";
        node["@type"] = type;
        return node;
    }

    /// <summary>Sets a property unless the value is null or blank, keeping the output free of empty fields.</summary>
    public static JsonObject Set(this JsonObject node, string name, JsonNode? value)
    {
        if (value is null) return node;
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text)) return node;
        if (value is JsonArray { Count: 0 }) return node;
        node[name] = value;
        return node;
    }

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.Where(i => i is not null).ToArray());

    /// <summary>An absolute URL for a site path, from the current request's scheme and host.</summary>
    public static string AbsoluteUrl(HttpRequest request, string path) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    public static IHtmlContent Script(JsonObject node) =>
        new HtmlString("<script type=\"application/ld+json\">" + node.ToJsonString(Options) + "</script>");
}
