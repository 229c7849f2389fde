using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Partnerships;

/// <summary>Partnerships that tests create for themselves, each with a slug no other test uses.</summary>
public static class PartnershipData
{
    /// <summary>The ten partnerships the registry is seeded with (product data, not test leftovers).</summary>
    public static readonly string[] SeededSlugs =
        ["edctp", "gacd", "glopid-r", "hfsp", "icgc", "icpermed", "ihec", "ihmc", "intbir", "irdirc"];

    public static string UniqueSlug() => "test-" + Guid.NewGuid().ToString("N");

    /// <summary>A complete, valid request body; tests change one field to make it invalid.</summary>
    public static JsonObject ValidInput(string slug) => new()
    {
        ["slug"] = slug,
        ["acronym"] = "TEST",
        ["name"] = $"Test partnership {slug}",
        ["kind"] = "researchConsortium",
        ["summary"] = $"A partnership created by a test ({slug}).",
        ["mission"] = "To be tested.",
        ["foundedYear"] = 2015,
        ["website"] = $"https://example.org/{slug}",
        ["themes"] = new JsonArray("testing", "quality"),
        ["euRole"] = "observer",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/source", ["title"] = "Example source" }),
    };

    public static async Task<JsonObject> CreateAsync(HttpClient writer, JsonObject input)
    {
        var response = await writer.PostAsJsonAsync("/api/v1/partnerships", input, TestContext.Current.CancellationToken);
        return await response.ReadJsonObjectAsync(HttpStatusCode.Created);
    }

    /// <summary>The record as a reader sees it, with the ETag an editor must send back.</summary>
    public static async Task<(JsonObject Body, string ETag)> GetAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/v1/partnerships/{slug}", TestContext.Current.CancellationToken);
        var body = await response.ReadJsonObjectAsync();
        return (body, response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> PutAsync(HttpClient writer, string slug, JsonObject input, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/partnerships/{slug}") { Content = JsonContent.Create(input) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await writer.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpStatusCode> StatusOfAsync(HttpClient client, string slug) =>
        (await client.GetAsync($"/api/v1/partnerships/{slug}", TestContext.Current.CancellationToken)).StatusCode;
}
