using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.History;

/// <summary>Reading the history as an API client does.</summary>
public static class HistoryData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The change sets that touched one record, newest first.</summary>
    public static async Task<JsonArray> ChangesOfAsync(HttpClient client, string recordType, int id) =>
        (await client.GetJsonAsync($"/api/v1/history?recordType={recordType}&recordId={id}&pageSize=200")).Items();

    /// <summary>The id of the newest change set that touched the record.</summary>
    public static async Task<long> LatestChangeIdAsync(HttpClient writer, string recordType, int id) =>
        (long)(await ChangesOfAsync(writer, recordType, id))[0]!["id"]!;

    /// <summary>How many change sets the whole history holds.</summary>
    public static async Task<int> CountAsync(HttpClient writer) => (int)(await writer.GetJsonAsync("/api/v1/history?pageSize=1"))["total"]!;

    /// <summary>A change set's one record change; fails when the set changed more than one record.</summary>
    public static JsonObject OnlyRecord(JsonNode changeSet) => Assert.Single(changeSet["records"]!.AsArray())!.AsObject();

    public static JsonObject Field(JsonObject recordChange, string field) =>
        recordChange["fields"]!.AsArray().Single(f => (string)f!["field"]! == field)!.AsObject();

    public static IEnumerable<string> FieldNames(JsonObject recordChange) =>
        recordChange["fields"]!.AsArray().Select(f => (string)f!["field"]!);

    public static async Task<HttpResponseMessage> RevertAsync(HttpClient writer, long changeSetId) =>
        await writer.PostAsync($"/api/v1/history/changes/{changeSetId}/revert", null, Ct);

    public static async Task<JsonObject> RevertedAsync(HttpClient writer, long changeSetId) =>
        await (await RevertAsync(writer, changeSetId)).ReadJsonObjectAsync(HttpStatusCode.Created);
}
