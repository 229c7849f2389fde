using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Shared;

/// <summary>
/// Every write route the running app maps under /api/v1, found in its EndpointDataSource rather than listed here,
/// refuses a request without the key (401) and, on a server with no key configured, any request (403). A new write
/// endpoint that forgets the key filter fails this test without anyone remembering to add a case for it.
/// </summary>
public sealed partial class WriteEndpointKeyTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"\{(?<name>[^}:=?*]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private sealed record WriteRoute(string Method, string Pattern)
    {
        public override string ToString() => $"{Method} {Pattern}";
    }

    private static List<WriteRoute> WriteRoutes(WebApplicationFactory<Program> app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods)
                .Select(method => new WriteRoute(method, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The route with each parameter filled with an existing record of its collection, so that without the key
    /// filter the request would reach a real record (and answer 200, 204, 400 or 428, never 401).
    /// </summary>
    private async Task<string> ConcreteUrlAsync(HttpClient reader, string pattern)
    {
        var collection = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries)[2];
        var existing = collection == "history" ? new() { ["id"] = await SomeChangeIdAsync() } : await ExistingIdsAsync(reader, collection);
        return RouteParameter().Replace(pattern, match =>
        {
            var name = match.Groups["name"].Value;
            Assert.True(existing.TryGetValue(name, out var value),
                $"{pattern}: this test does not know an existing value for {{{name}}} in /api/v1/{collection}; teach ExistingIdsAsync.");
            return value;
        });
    }

    private static async Task<Dictionary<string, string>> ExistingIdsAsync(HttpClient reader, string collection)
    {
        if (collection == "partnerships") return new() { ["slug"] = "glopid-r" };
        if (collection == "goals")
        {
            var measured = (await reader.GetAllAsync("/api/v1/goals")).First(g => g!["measurements"]!.AsArray().Count > 0)!;
            return new()
            {
                ["id"] = ((int)measured["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["measurementId"] = ((int)measured["measurements"]![0]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        var first = (await reader.GetJsonAsync($"/api/v1/{collection}?pageSize=1")).Items().FirstOrDefault();
        return first?["id"] is { } id ? new() { ["id"] = ((int)id).ToString(System.Globalization.CultureInfo.InvariantCulture) } : [];
    }

    /// <summary>A change in the history to revert: one made for the purpose, as a fresh database has none.</summary>
    private async Task<string> SomeChangeIdAsync()
    {
        await OrganisationData.CreateAsync(factory.CreateWriterClient());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return (await db.ChangeSets.MaxAsync(c => c.Id, Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "DELETE") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        // A wildcard If-Match would let an unguarded update or delete through its precondition check.
        if (method is "PUT" or "PATCH" or "DELETE") request.Headers.TryAddWithoutValidation("If-Match", "*");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public void The_app_maps_the_write_routes_this_test_is_meant_to_cover()
    {
        var routes = WriteRoutes(factory).Select(r => r.ToString()).ToList();

        Assert.True(routes.Count >= 17, $"Only {routes.Count} write routes found: {string.Join(", ", routes)}");
        Assert.Contains("POST /api/v1/partnerships/", routes);
        Assert.Contains("DELETE /api/v1/organisations/{id:int}", routes);
        Assert.Contains("POST /api/v1/goals/{id:int}/measurements", routes);
        Assert.Contains("DELETE /api/v1/goals/{id:int}/measurements/{measurementId:int}", routes);
    }

    [Fact]
    public async Task Every_write_route_refuses_a_request_without_the_key_with_401()
    {
        var reader = factory.CreateClient();
        var failures = new List<string>();

        foreach (var route in WriteRoutes(factory))
        {
            var url = await ConcreteUrlAsync(reader, route.Pattern);
            var response = await SendAsync(reader, route.Method, url);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized || !body.Contains("API key required", StringComparison.Ordinal))
                failures.Add($"{route.Method} {url}: {(int)response.StatusCode} {body}");
        }

        Assert.True(failures.Count == 0, "Write routes that did not ask for the key:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task On_a_server_without_a_configured_key_every_write_route_answers_403()
    {
        await using var keyless = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:WriteKey", ""));
        var client = keyless.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", HealthAccordFactory.WriteKey);
        var failures = new List<string>();

        foreach (var route in WriteRoutes(keyless))
        {
            var url = await ConcreteUrlAsync(client, route.Pattern);
            var response = await SendAsync(client, route.Method, url);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("Writes are disabled", StringComparison.Ordinal))
                failures.Add($"{route.Method} {url}: {(int)response.StatusCode} {body}");
        }

        Assert.True(failures.Count == 0, "Write routes that accepted a request although writes are disabled:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Refused_writes_change_nothing()
    {
        var reader = factory.CreateClient();
        // Finding a change to revert makes one, so the addresses are settled before the registry is looked at.
        var requests = new List<(string Method, string Url)>();
        foreach (var route in WriteRoutes(factory)) requests.Add((route.Method, await ConcreteUrlAsync(reader, route.Pattern)));
        var before = new Dictionary<string, string>();
        foreach (var list in new[] { "partnerships", "organisations", "memberships", "agreements", "goals" })
            before[list] = (await reader.GetAllAsync($"/api/v1/{list}")).ToJsonString();

        foreach (var (method, url) in requests)
            await SendAsync(reader, method, url);

        foreach (var (list, json) in before)
            Assert.True(json == (await reader.GetAllAsync($"/api/v1/{list}")).ToJsonString(), $"/api/v1/{list} changed.");
    }
}
