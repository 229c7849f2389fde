using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthAccord.Tests.Partnerships;

/// <summary>
/// Reads of the seeded registry. This class owns its database and never writes to it, so the totals
/// below are the seed's and nothing else's.
/// </summary>
public sealed class PartnershipListTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> ListAsync(string query = "") =>
        await (await _client.GetAsync("/api/v1/partnerships" + query, Ct)).ReadJsonObjectAsync();

    [Fact]
    public async Task The_list_holds_the_ten_seeded_partnerships_each_with_the_EU_role_and_headline_goal_progress()
    {
        var page = await ListAsync();

        Assert.Equal(10, (int)page["total"]!);
        Assert.Equal(PartnershipData.SeededSlugs, page.Slugs().Order());
        foreach (var item in page["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            var slug = (string)item["slug"]!;
            Assert.Contains((string)item["euRole"]!, new[] { "member", "contributor", "memberAndContributor", "observer" });
            Assert.True(item.ContainsKey("headlineGoal"), slug);
            var headline = Assert.IsType<JsonObject>(item["headlineGoal"], exactMatch: false);
            Assert.True((bool)headline["isHeadline"]!, slug);
            Assert.False(string.IsNullOrWhiteSpace((string?)headline["statement"]), slug);
            var progress = Assert.IsType<JsonObject>(headline["progress"], exactMatch: false);
            Assert.Contains((string)progress["status"]!, new[] { "met", "onTrack", "behind", "notMet", "noData", "noTarget" });
            Assert.False(string.IsNullOrWhiteSpace((string?)progress["explanation"]), slug);
            Assert.Equal($"/partnerships/{slug}", (string)item["url"]!);
        }
    }

    [Fact]
    public async Task GloPID_R_headline_goal_is_an_effective_research_response_within_at_most_48_hours()
    {
        var glopid = (await ListAsync("?q=GloPID-R"))["items"]!.AsArray().Single()!;
        var goal = glopid["headlineGoal"]!;

        Assert.Equal("memberAndContributor", (string)glopid["euRole"]!);
        Assert.Equal("hours", (string)goal["unit"]!);
        Assert.Equal("atMost", (string)goal["direction"]!);
        Assert.Equal(48m, (decimal)goal["target"]!);
        Assert.Contains("outbreak", (string)goal["statement"]!, StringComparison.OrdinalIgnoreCase);
        // The seed records no measured response time yet.
        Assert.Equal("noData", (string)goal["progress"]!["status"]!);
    }

    // Expected slugs come from the seed files in src/HealthAccord.Web/Data/Seed (members' countries,
    // partnership-profiles.json for roles and themes, partnerships.csv for names).
    [Theory]
    [InlineData("country=BR", new[] { "gacd", "glopid-r", "icgc", "icpermed" })]
    [InlineData("country=br", new[] { "gacd", "glopid-r", "icgc", "icpermed" })]
    [InlineData("euRole=member", new[] { "hfsp", "ihec", "ihmc", "intbir", "irdirc" })]
    [InlineData("euRole=memberAndContributor", new[] { "gacd", "glopid-r", "icpermed" })]
    [InlineData("euRole=contributor", new[] { "edctp", "icgc" })]
    [InlineData("euRole=observer", new string[0])]
    [InlineData("theme=genomics", new[] { "icgc", "ihec", "ihmc" })]
    [InlineData("theme=data%20sharing", new[] { "icgc", "ihec", "ihmc", "intbir" })]
    [InlineData("q=epigenome", new[] { "ihec" })]
    [InlineData("q=PANDEMIC", new[] { "glopid-r" })]
    [InlineData("q=rare", new[] { "irdirc" })]
    [InlineData("country=BR&euRole=memberAndContributor", new[] { "gacd", "glopid-r", "icpermed" })]
    [InlineData("theme=genomics&country=JP", new[] { "icgc", "ihec", "ihmc" })]
    [InlineData("q=no-such-words-anywhere", new string[0])]
    public async Task Filters_return_exactly_the_matching_partnerships(string query, string[] expected)
    {
        var page = await ListAsync("?" + query);
        Assert.Equal(expected, page.Slugs().Order());
        Assert.Equal(expected.Length, (int)page["total"]!);
    }

    [Fact]
    public async Task Following_next_links_with_pageSize_3_visits_every_partnership_exactly_once()
    {
        var visited = new List<string>();
        var pages = 0;
        string? next = "/api/v1/partnerships?pageSize=3";
        while (next is not null)
        {
            Assert.True(++pages <= 10, "The next links do not end.");
            var page = await (await _client.GetAsync(next, Ct)).ReadJsonObjectAsync();
            Assert.Equal(10, (int)page["total"]!);
            Assert.Equal(3, (int)page["pageSize"]!);
            Assert.Equal(pages, (int)page["pageNumber"]!);
            Assert.InRange(page["items"]!.AsArray().Count, 1, 3);
            AssertPrevLink(page, pages);
            visited.AddRange(page.Slugs());
            next = (string?)page["links"]!["next"];
        }

        Assert.Equal(4, pages);
        Assert.Equal(PartnershipData.SeededSlugs, visited.Order());
        Assert.Equal(visited.Count, visited.Distinct().Count());
    }

    private static void AssertPrevLink(JsonObject page, int pageNumber)
    {
        var prev = (string?)page["links"]!["prev"];
        if (pageNumber == 1)
        {
            Assert.Null(prev);
            return;
        }
        Assert.StartsWith("/api/v1/partnerships?", prev, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri("http://localhost" + prev).Query);
        Assert.Equal((pageNumber - 1).ToString(CultureInfo.InvariantCulture), query["page"].ToString());
        Assert.Equal("3", query["pageSize"].ToString());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_and_keeps_the_total()
    {
        var page = await ListAsync("?page=5&pageSize=3");
        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(10, (int)page["total"]!);
        Assert.Null((string?)page["links"]!["next"]);
    }

    [Fact]
    public async Task The_csv_download_has_a_header_and_one_row_per_partnership()
    {
        var response = await _client.GetAsync("/api/v1/partnerships?format=csv", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("partnerships.csv", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);

        using var reader = new StringReader(await response.Content.ReadAsStringAsync(Ct));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();

        Assert.Equal(10, rows.Count);
        Assert.Equal(PartnershipData.SeededSlugs, rows.Select(r => (string)r["Slug"]).Order());
        var glopid = rows.Single(r => (string)r["Slug"] == "glopid-r");
        Assert.Equal("Global Research Collaboration for Infectious Disease Preparedness", glopid["Name"]);
        Assert.Equal("at most 48 hours", glopid["HeadlineTarget"]);
        Assert.Contains("pandemic preparedness", (string)glopid["Themes"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_download_honours_the_filters_and_ignores_paging()
    {
        var csv = await _client.GetStringAsync("/api/v1/partnerships?format=csv&euRole=member&pageSize=2", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Slug,", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length - 1);
    }

    [Fact]
    public async Task The_json_download_is_an_array_of_every_match()
    {
        var response = await _client.GetAsync("/api/v1/partnerships?format=json", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var items = (await response.Content.ReadFromJsonAsync<JsonArray>(Ct))!;
        Assert.Equal(PartnershipData.SeededSlugs, items.Select(i => (string)i!["slug"]!).Order());
    }

    [Fact]
    public async Task One_partnership_comes_with_its_members_goals_and_sources()
    {
        var (glopid, etag) = await PartnershipData.GetAsync(_client, "glopid-r");

        Assert.Equal("Global Research Collaboration for Infectious Disease Preparedness", (string)glopid["name"]!);
        Assert.Equal(2013, (int)glopid["foundedYear"]!);
        Assert.Equal(48m, (decimal)glopid["headlineGoal"]!["target"]!);
        Assert.Equal(3, glopid["goals"]!.AsArray().Count);
        var members = glopid["members"]!.AsArray();
        Assert.True(members.Count > 20, $"GloPID-R lists dozens of members; got {members.Count}.");
        Assert.Contains(members, m => (string?)m!["countryName"] == "Brazil");
        Assert.NotEmpty(glopid["sources"]!.AsArray());
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_problem()
    {
        var problem = await (await _client.GetAsync("/api/v1/partnerships/no-such-partnership", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-partnership", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("euRole=emperor", "euRole")]
    [InlineData("euRole=1", "euRole")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("format=xml", "format")]
    public async Task An_invalid_query_parameter_is_a_400_validation_problem_naming_it(string query, string field)
    {
        var fields = await (await _client.GetAsync("/api/v1/partnerships?" + query, Ct)).ReadErrorFieldsAsync();
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task Every_invalid_query_parameter_is_named_at_once()
    {
        var fields = await (await _client.GetAsync("/api/v1/partnerships?euRole=emperor&pageSize=0&page=0&format=xml", Ct)).ReadErrorFieldsAsync();
        Assert.Equal(["euRole", "format", "page", "pageSize"], fields.Order());
    }

    [Fact]
    public async Task A_non_numeric_pageSize_is_a_400_problem_not_a_server_error()
    {
        var response = await _client.GetAsync("/api/v1/partnerships?pageSize=many", Ct);
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("pageSize", problem.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    // Known bug (see the test report): Enum.TryParse accepts comma-separated names and ORs them as flags, so
    // "member,observer" is read as Observer (0|3) and "contributor,member" as Contributor, and the client gets a
    // silently different filter instead of a 400.
    [Theory]
    [InlineData("euRole=member,observer")]
    [InlineData("euRole=contributor,member")]
    public async Task A_list_of_roles_is_rejected_rather_than_combined_as_flags(string query)
    {
        var fields = await (await _client.GetAsync("/api/v1/partnerships?" + query, Ct)).ReadErrorFieldsAsync();
        Assert.Equal(["euRole"], fields);
    }

    // Known bug (see the test report): q, euRole and country ignore letter case but theme does not.
    [Fact]
    public async Task The_theme_filter_ignores_letter_case_like_the_other_filters()
    {
        var page = await ListAsync("?theme=Genomics");
        Assert.Equal(["icgc", "ihec", "ihmc"], page.Slugs().Order());
    }
}
