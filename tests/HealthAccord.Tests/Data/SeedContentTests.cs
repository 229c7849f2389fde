using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Data;

/// <summary>
/// What the registry seed puts in a new database, read through the API. This class owns its database and never
/// writes to it, so every number is the seed's.
/// </summary>
public sealed class SeedContentTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<int> TotalAsync(string list) => (int)(await _client.GetJsonAsync(list + "?pageSize=1"))["total"]!;

    [Fact]
    public async Task The_seed_holds_10_partnerships_22_agreements_33_goals_65_organisations_and_166_memberships()
    {
        Assert.Equal(10, await TotalAsync("/api/v1/partnerships"));
        Assert.Equal(22, await TotalAsync("/api/v1/agreements"));
        Assert.Equal(33, await TotalAsync("/api/v1/goals"));
        Assert.Equal(65, await TotalAsync("/api/v1/organisations"));
        Assert.Equal(166, await TotalAsync("/api/v1/memberships"));
    }

    [Fact]
    public async Task Every_partnership_has_exactly_one_headline_goal()
    {
        var headlines = await _client.GetAllAsync("/api/v1/goals?headline=true");

        Assert.Equal(PartnershipData.SeededSlugs, headlines.Strings("partnershipSlug").Order(StringComparer.Ordinal));
        foreach (var slug in PartnershipData.SeededSlugs)
        {
            var (partnership, _) = await PartnershipData.GetAsync(_client, slug);
            Assert.Single(partnership["goals"]!.AsArray(), g => (bool)g!["isHeadline"]!);
            Assert.Equal((int)headlines.Single(h => (string)h!["partnershipSlug"]! == slug)!["id"]!, (int)partnership["headlineGoal"]!["id"]!);
        }
    }

    [Fact]
    public async Task IRDiRCs_headline_is_its_one_year_diagnosis_goal_not_its_first_listed_goal()
    {
        var headline = (await _client.GetAllAsync("/api/v1/goals?partnership=irdirc&headline=true")).Single()!;

        Assert.Contains("diagnosed within one year", (string)headline["statement"]!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("atMost", 1m, "years"), ((string)headline["direction"]!, (decimal)headline["target"]!, (string)headline["unit"]!));
    }

    [Fact]
    public async Task Every_membership_carries_at_least_one_source_with_an_address_and_title()
    {
        var memberships = await _client.GetAllAsync("/api/v1/memberships");

        Assert.Equal(166, memberships.Count);
        Assert.All(memberships, m => AssertSourced(m!, $"membership {m!["id"]} ({m["partnershipSlug"]})"));
    }

    [Fact]
    public async Task Every_agreement_carries_at_least_one_source_with_an_address_and_title()
    {
        var agreements = await _client.GetAllAsync("/api/v1/agreements");

        Assert.Equal(22, agreements.Count);
        foreach (var summary in agreements)
        {
            var agreement = await _client.GetJsonAsync($"/api/v1/agreements/{(int)summary!["id"]!}");
            AssertSourced(agreement, $"agreement {agreement["id"]} ({agreement["title"]})");
            Assert.NotEmpty(agreement["parties"]!.AsArray());
            Assert.NotEmpty(agreement["partnerships"]!.AsArray());
        }
    }

    [Fact]
    public async Task Every_goal_and_every_measurement_carries_a_source()
    {
        var goals = await _client.GetAllAsync("/api/v1/goals");

        Assert.All(goals, g => AssertSourced(g!, $"goal {g!["id"]}"));
        Assert.All(goals.SelectMany(g => g!["measurements"]!.AsArray()),
            m => Assert.StartsWith("http", (string)m!["sourceUrl"]!, StringComparison.Ordinal));
    }

    private static void AssertSourced(JsonNode record, string what)
    {
        var sources = record["sources"]!.AsArray();
        Assert.True(sources.Count > 0, $"{what} has no source.");
        Assert.All(sources, s =>
        {
            Assert.True(Uri.TryCreate((string)s!["url"]!, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", $"{what}: source url {s!["url"]}");
            Assert.False(string.IsNullOrWhiteSpace((string?)s["title"]), $"{what}: a source without a title");
        });
    }
}
