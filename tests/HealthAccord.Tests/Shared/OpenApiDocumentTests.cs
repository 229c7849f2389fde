using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Shared;

/// <summary>
/// The OpenAPI document is committed at openapi/v1.json (written by the build) and linted in CI; the document the
/// running app serves must be the same, so a change to the API that is not reflected in the committed file fails.
/// </summary>
public sealed class OpenApiDocumentTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    [Fact]
    public async Task The_served_document_equals_the_committed_one()
    {
        var committedPath = Path.Combine(TestPaths.RepoRoot, "openapi", "v1.json");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(committedPath, TestContext.Current.CancellationToken));
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        // Parsed and compared as JSON, so indentation and line endings do not matter but every name and value does.
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"The served OpenAPI document differs from {committedPath}. Build the web project and commit the regenerated file.\n" +
            FirstDifference(committed, served, "$"));
    }

    [Fact]
    public async Task The_document_describes_the_partnership_operations()
    {
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var operationIds = served["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (string?)op.Value!["operationId"]))
            .ToList();
        Assert.Equal(["CreatePartnership", "DeletePartnership", "GetPartnership", "GetPartnershipHistory", "ListPartnerships", "UpdatePartnership"],
            operationIds.Where(id => id is not null && id.Contains("Partnership", StringComparison.Ordinal)).Order());
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(e[key], a[key])) return FirstDifference(e[key], a[key], $"{path}.{key}");
            }
        }
        else if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            for (var i = 0; i < ea.Count; i++)
            {
                if (!JsonNode.DeepEquals(ea[i], aa[i])) return FirstDifference(ea[i], aa[i], $"{path}[{i}]");
            }
        }
        return $"First difference at {path}: committed {expected?.ToJsonString() ?? "(absent)"}, served {actual?.ToJsonString() ?? "(absent)"}";
    }
}
