using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>Reading API answers as a client sees them: the JSON on the wire, problem details and their field errors.</summary>
public static class ApiResponses
{
    public static async Task<JsonObject> ReadJsonObjectAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        await response.AssertStatusAsync(expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns it.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        await response.AssertStatusAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        return problem;
    }

    /// <summary>The field names of a 400 validation problem's <c>errors</c>.</summary>
    public static async Task<IReadOnlyCollection<string>> ReadErrorFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        foreach (var (field, messages) in errors)
            Assert.False(string.IsNullOrWhiteSpace((string?)messages!.AsArray()[0]), $"The error for {field} has no message.");
        return errors.Select(e => e.Key).ToList();
    }

    /// <summary>Like Assert.Equal on the status code, but a failure shows the body, which usually says why.</summary>
    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Fail($"Expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, " +
            $"got {(int)response.StatusCode} {response.StatusCode}: {body}");
    }

    public static IEnumerable<string> Slugs(this JsonObject page) =>
        page["items"]!.AsArray().Select(item => (string)item!["slug"]!);
}
