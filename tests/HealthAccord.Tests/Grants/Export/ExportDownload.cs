using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>Fetching exports as a client does, and reading them back with ordinary parsers.</summary>
public static class ExportDownload
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>GET /api/v1/grants/export?format=…&amp;query, asserting 200; the response, for its headers and body.</summary>
    public static async Task<HttpResponseMessage> ExportAsync(this HttpClient client, string format, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/grants/export?format={format}{(query.Length > 0 ? "&" + query : "")}", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return response;
    }

    /// <summary>Every CSV record as a header → value map, read by CsvHelper.</summary>
    public static async Task<List<Dictionary<string, string>>> ReadCsvAsync(HttpResponseMessage response)
    {
        using var reader = new StringReader(await response.Content.ReadAsStringAsync(Ct));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await csv.ReadAsync();
        csv.ReadHeader();
        var headers = csv.HeaderRecord!;
        var records = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync()) records.Add(headers.ToDictionary(h => h, h => csv.GetField(h)!));
        return records;
    }

    public static async Task<JsonArray> ReadJsonArrayAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!;

    public static async Task<JsonObject> ReadJsonObjectAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;

    /// <summary>The ids of every match of a search through GET /api/v1/grants (at most 100), in its order.</summary>
    public static async Task<List<long>> SearchIdsAsync(this HttpClient client, string query)
    {
        var page = await client.GetJsonAsync($"/api/v1/grants?pageSize=100&facetLimit=0{(query.Length > 0 ? "&" + query : "")}");
        Assert.True((int)page["total"]! <= 100, "The search has more matches than one page holds; narrow it.");
        return page["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
