using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>Requests as an API client sends them: reads that keep the ETag, and writes that send it back in If-Match.</summary>
public static class ApiRequests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A 200 read of one record, with the ETag an editor must send back to change it.</summary>
    public static async Task<(JsonObject Body, string ETag)> GetWithETagAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var body = await response.ReadJsonObjectAsync();
        return (body, response.Headers.ETag!.ToString());
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string url) =>
        await (await client.GetAsync(url, Ct)).ReadJsonObjectAsync();

    /// <summary>Every match of a list, through its format=json download.</summary>
    public static async Task<JsonArray> GetAllAsync(this HttpClient client, string listUrl)
    {
        var separator = listUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var response = await client.GetAsync($"{listUrl}{separator}format=json", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
    }

    public static async Task<HttpStatusCode> StatusOfAsync(this HttpClient client, string url) =>
        (await client.GetAsync(url, Ct)).StatusCode;

    /// <summary>A create that must succeed: asserts 201 and a Location that serves the new record.</summary>
    public static async Task<JsonObject> CreateAsync(this HttpClient writer, string url, JsonNode body)
    {
        var response = await writer.PostAsJsonAsync(url, body, Ct);
        var created = await response.ReadJsonObjectAsync(HttpStatusCode.Created);
        Assert.NotNull(response.Headers.Location);
        return created;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient writer, string url, JsonNode body) =>
        writer.PostAsJsonAsync(url, body, Ct);

    public static async Task<HttpResponseMessage> PutJsonAsync(this HttpClient writer, string url, JsonNode body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await writer.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> DeleteWithIfMatchAsync(this HttpClient writer, string url, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, url);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await writer.SendAsync(request, Ct);
    }

    public static IEnumerable<string?> Strings(this JsonArray array, string property) =>
        array.Select(item => (string?)item![property]);

    public static JsonArray Items(this JsonObject page) => page["items"]!.AsArray();
}
