using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Goals;

/// <summary>
/// Goals, their measurements and the progress derived from them. The app's clock stands at
/// <see cref="HealthAccordFactory.Now"/> (2026-11-28), so "past" and "future" deadlines below are fixed dates.
/// Each test puts its goals on a partnership of its own.
/// </summary>
public sealed class GoalTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string FutureDeadline = "2030-12-31";
    private const string PastDeadline = "2020-12-31";

    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    private async Task<string> NewPartnershipAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        return slug;
    }

    private static JsonObject GoalInput(string partnership, string direction = "atLeast", decimal? target = 100, string? deadline = FutureDeadline,
        bool isHeadline = false) => new()
        {
            ["partnership"] = partnership,
            ["isHeadline"] = isHeadline,
            ["statement"] = $"Fund enough projects ({Guid.NewGuid():N})",
            ["indicator"] = "projects funded",
            ["unit"] = "projects",
            ["direction"] = direction,
            ["target"] = target,
            ["deadline"] = deadline,
            ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/strategy", ["title"] = "Strategy" }),
        };

    private static JsonObject Measurement(decimal value, string measuredOn = "2026-06") => new()
    {
        ["measuredOn"] = measuredOn,
        ["value"] = value,
        ["sourceUrl"] = "https://example.org/annual-report",
    };

    private async Task<string> CreateGoalAsync(JsonObject input) =>
        $"/api/v1/goals/{(int)(await _writer.CreateAsync("/api/v1/goals", input))["id"]!}";

    [Fact]
    public async Task GloPID_R_headline_goal_is_a_research_response_within_at_most_48_hours()
    {
        var goal = (await _reader.GetJsonAsync("/api/v1/goals?partnership=glopid-r&headline=true")).Items().Single()!;

        Assert.Equal("glopid-r", (string)goal["partnershipSlug"]!);
        Assert.True((bool)goal["isHeadline"]!);
        Assert.Equal("hours", (string)goal["unit"]!);
        Assert.Equal("atMost", (string)goal["direction"]!);
        Assert.Equal(48m, (decimal)goal["target"]!);
        Assert.NotEmpty(goal["sources"]!.AsArray());
    }

    [Theory]
    [InlineData("atLeast", 100, FutureDeadline, 120, "met", 120.0)]
    [InlineData("atLeast", 100, FutureDeadline, 100, "met", 100.0)]
    [InlineData("atLeast", 100, FutureDeadline, 50, "onTrack", 50.0)]
    [InlineData("atLeast", 100, PastDeadline, 50, "notMet", 50.0)]
    [InlineData("atLeast", 100, PastDeadline, 120, "met", 120.0)]
    [InlineData("atMost", 48, FutureDeadline, 30, "met", null)]
    [InlineData("atMost", 48, FutureDeadline, 72, "behind", null)]
    [InlineData("atMost", 48, PastDeadline, 72, "notMet", null)]
    public async Task A_measurement_changes_the_goals_progress_and_version(string direction, int target, string deadline, int value, string status,
        double? percent)
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug, direction, target, deadline));
        var (before, etagBefore) = await _reader.GetWithETagAsync(url);
        Assert.Equal("noData", (string)before["progress"]!["status"]!);

        var response = await _writer.PostJsonAsync($"{url}/measurements", Measurement(value));
        var measurement = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)measurement["valueText"]!);
        var (after, etagAfter) = await _reader.GetWithETagAsync(url);
        var progress = after["progress"]!;
        Assert.Equal(status, (string)progress["status"]!);
        Assert.Equal(value, (decimal)progress["latestValue"]!);
        Assert.Equal("2026-06", (string)progress["latestOn"]!);
        Assert.Equal(percent is null ? null : (decimal)percent.Value, (decimal?)progress["percentOfTarget"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)progress["explanation"]));
        Assert.Equal((int)before["version"]! + 1, (int)after["version"]!);
        Assert.NotEqual(etagBefore, etagAfter);
        Assert.Equal((int)measurement["id"]!, (int)after["measurements"]!.AsArray().Single()!["id"]!);
    }

    [Fact]
    public async Task The_latest_measurement_decides_not_the_last_one_entered()
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));
        await _writer.CreateAsync($"{url}/measurements", Measurement(120, "2025-12"));
        await _writer.CreateAsync($"{url}/measurements", Measurement(40, "2024"));

        var goal = await _reader.GetJsonAsync(url);

        Assert.Equal("met", (string)goal["progress"]!["status"]!);
        Assert.Equal(120m, (decimal)goal["progress"]!["latestValue"]!);
        Assert.Equal(["2024", "2025-12"], goal["measurements"]!.AsArray().Strings("measuredOn"));
    }

    [Theory]
    [InlineData("2026-11-29")]
    [InlineData("2026-12")]
    [InlineData("2027")]
    public async Task A_measurement_dated_in_the_future_is_a_400_and_the_goal_is_unchanged(string measuredOn)
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));
        var (before, _) = await _reader.GetWithETagAsync(url);

        var fields = await (await _writer.PostJsonAsync($"{url}/measurements", Measurement(120, measuredOn))).ReadErrorFieldsAsync();

        Assert.Equal(["measuredOn"], fields);
        var (after, _) = await _reader.GetWithETagAsync(url);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Theory]
    [InlineData("2026-11-28")]
    [InlineData("2026-11")]
    [InlineData("2026")]
    public async Task A_measurement_dated_today_or_in_a_period_that_has_begun_is_accepted(string measuredOn)
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));

        await _writer.CreateAsync($"{url}/measurements", Measurement(120, measuredOn));

        Assert.Equal(measuredOn, (string)(await _reader.GetJsonAsync(url))["progress"]!["latestOn"]!);
    }

    [Theory]
    [InlineData("sourceUrl", "null", "sourceUrl")]
    [InlineData("sourceUrl", "\"annual report\"", "sourceUrl")]
    [InlineData("value", "null", "value")]
    [InlineData("measuredOn", "\"June 2026\"", "measuredOn")]
    public async Task An_invalid_measurement_is_a_400_naming_the_field(string property, string json, string field)
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));
        var input = Measurement(120);
        input[property] = JsonNode.Parse(json);

        var fields = await (await _writer.PostJsonAsync($"{url}/measurements", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Empty((await _reader.GetJsonAsync(url))["measurements"]!.AsArray());
    }

    [Fact]
    public async Task A_measurement_for_an_unknown_goal_is_404()
    {
        await (await _writer.PostJsonAsync("/api/v1/goals/987654/measurements", Measurement(1))).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Removing_the_only_measurement_returns_the_goal_to_no_data_and_bumps_its_version()
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));
        var measurement = await _writer.CreateAsync($"{url}/measurements", Measurement(120));
        var versionWithMeasurement = (int)(await _reader.GetJsonAsync(url))["version"]!;

        var response = await _writer.DeleteAsync($"{url}/measurements/{(int)measurement["id"]!}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var goal = await _reader.GetJsonAsync(url);
        Assert.Equal("noData", (string)goal["progress"]!["status"]!);
        Assert.Empty(goal["measurements"]!.AsArray());
        Assert.Equal(versionWithMeasurement + 1, (int)goal["version"]!);
    }

    [Fact]
    public async Task Promoting_a_second_goal_to_headline_demotes_the_first()
    {
        var slug = await NewPartnershipAsync();
        var firstUrl = await CreateGoalAsync(GoalInput(slug, isHeadline: true));
        var secondInput = GoalInput(slug);
        var secondUrl = await CreateGoalAsync(secondInput);
        var (_, secondETag) = await _reader.GetWithETagAsync(secondUrl);
        Assert.Equal(firstUrl, $"/api/v1/goals/{(int)(await PartnershipData.GetAsync(_reader, slug)).Body["headlineGoal"]!["id"]!}");

        secondInput["isHeadline"] = true;
        await (await _writer.PutJsonAsync(secondUrl, secondInput, secondETag)).AssertStatusAsync(HttpStatusCode.OK);

        var headlines = (await _reader.GetJsonAsync($"/api/v1/goals?partnership={slug}&headline=true")).Items();
        Assert.Equal([secondUrl], headlines.Select(g => $"/api/v1/goals/{(int)g!["id"]!}"));
        Assert.False((bool)(await _reader.GetJsonAsync(firstUrl))["isHeadline"]!);
        var partnership = (await PartnershipData.GetAsync(_reader, slug)).Body;
        Assert.Equal((string)secondInput["statement"]!, (string)partnership["headlineGoal"]!["statement"]!);
        Assert.Single(partnership["goals"]!.AsArray(), g => (bool)g!["isHeadline"]!);
    }

    [Fact]
    public async Task Creating_a_new_headline_goal_demotes_the_previous_one()
    {
        var slug = await NewPartnershipAsync();
        var firstUrl = await CreateGoalAsync(GoalInput(slug, isHeadline: true));
        var (_, firstETag) = await _reader.GetWithETagAsync(firstUrl);

        var secondUrl = await CreateGoalAsync(GoalInput(slug, isHeadline: true));

        var goals = await _reader.GetAllAsync($"/api/v1/goals?partnership={slug}");
        Assert.Equal([secondUrl], goals.Where(g => (bool)g!["isHeadline"]!).Select(g => $"/api/v1/goals/{(int)g!["id"]!}"));
        // The demoted goal changed, so an editor holding its old ETag must re-read it.
        var (_, firstETagNow) = await _reader.GetWithETagAsync(firstUrl);
        Assert.NotEqual(firstETag, firstETagNow);
    }

    [Fact]
    public async Task Headline_goals_of_other_partnerships_keep_their_mark()
    {
        var slug = await NewPartnershipAsync();
        var other = await NewPartnershipAsync();
        var otherUrl = await CreateGoalAsync(GoalInput(other, isHeadline: true));

        await CreateGoalAsync(GoalInput(slug, isHeadline: true));

        Assert.True((bool)(await _reader.GetJsonAsync(otherUrl))["isHeadline"]!);
    }

    [Fact]
    public async Task Concurrent_creates_of_headline_goals_leave_the_partnership_one_headline()
    {
        var slug = await NewPartnershipAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _writer.PostJsonAsync("/api/v1/goals", GoalInput(slug, isHeadline: true))));

        Assert.All(responses, r => Assert.True((int)r.StatusCode is 201 or 409, $"A concurrent create answered {(int)r.StatusCode}."));
        var goals = await _reader.GetAllAsync($"/api/v1/goals?partnership={slug}");
        Assert.Equal(responses.Count(r => r.StatusCode == HttpStatusCode.Created), goals.Count);
        Assert.Single(goals, g => (bool)g!["isHeadline"]!);
    }

    // Adding a measurement moves the goal's version, so measurements sent at the same moment compete for it. The
    // client did not send If-Match, so the server retries a lost race itself: every measurement is stored, once.
    [Fact]
    public async Task Concurrent_measurements_are_all_stored_and_each_moves_the_version_once()
    {
        var slug = await NewPartnershipAsync();
        var url = await CreateGoalAsync(GoalInput(slug));
        var (before, _) = await _reader.GetWithETagAsync(url);

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => _writer.PostJsonAsync($"{url}/measurements", Measurement(i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var goal = await _reader.GetJsonAsync(url);
        Assert.Equal(8, goal["measurements"]!.AsArray().Count);
        Assert.Equal((int)before["version"]! + 8, (int)goal["version"]!);
    }

    [Fact]
    public async Task The_status_filter_returns_only_goals_with_that_progress()
    {
        var slug = await NewPartnershipAsync();
        var metUrl = await CreateGoalAsync(GoalInput(slug));
        var onTrackUrl = await CreateGoalAsync(GoalInput(slug));
        await _writer.CreateAsync($"{metUrl}/measurements", Measurement(150));
        await _writer.CreateAsync($"{onTrackUrl}/measurements", Measurement(10));

        var met = await _reader.GetAllAsync("/api/v1/goals?status=met");
        var metPage = await _reader.GetJsonAsync("/api/v1/goals?status=met&pageSize=1");

        Assert.All(met, g => Assert.Equal("met", (string)g!["progress"]!["status"]!));
        var ids = met.Select(g => $"/api/v1/goals/{(int)g!["id"]!}").ToList();
        Assert.Contains(metUrl, ids);
        Assert.DoesNotContain(onTrackUrl, ids);
        Assert.Equal(met.Count, (int)metPage["total"]!);
        Assert.Single(metPage.Items());
        Assert.Equal([$"{onTrackUrl}"],
            (await _reader.GetAllAsync($"/api/v1/goals?status=onTrack&partnership={slug}")).Select(g => $"/api/v1/goals/{(int)g!["id"]!}"));
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("status=met,behind", "status")]
    public async Task An_unknown_status_is_a_400_naming_it(string query, string field)
    {
        var fields = await (await _reader.GetAsync("/api/v1/goals?" + query, TestContext.Current.CancellationToken)).ReadErrorFieldsAsync();
        Assert.Equal([field], fields);
    }

    [Theory]
    [InlineData("atLeast", null, "target")]
    [InlineData("qualitative", 5, "target")]
    [InlineData("atMost", -1, "target")]
    public async Task A_target_that_does_not_fit_the_direction_is_a_400_naming_target(string direction, int? target, string field)
    {
        var slug = await NewPartnershipAsync();

        var fields = await (await _writer.PostJsonAsync("/api/v1/goals", GoalInput(slug, direction, target))).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Empty(await _reader.GetAllAsync($"/api/v1/goals?partnership={slug}"));
    }

    [Fact]
    public async Task A_goal_for_an_unknown_partnership_is_a_400_naming_partnership()
    {
        var fields = await (await _writer.PostJsonAsync("/api/v1/goals", GoalInput(PartnershipData.UniqueSlug()))).ReadErrorFieldsAsync();
        Assert.Equal(["partnership"], fields);
    }

    [Fact]
    public async Task A_goal_update_with_a_stale_ETag_is_412_and_the_goal_is_unchanged()
    {
        var slug = await NewPartnershipAsync();
        var input = GoalInput(slug);
        var url = await CreateGoalAsync(input);
        var (_, stale) = await _reader.GetWithETagAsync(url);
        await _writer.CreateAsync($"{url}/measurements", Measurement(10));
        var (before, _) = await _reader.GetWithETagAsync(url);
        input["target"] = 5;

        await (await _writer.PutJsonAsync(url, input, stale)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(before.ToJsonString(), (await _reader.GetJsonAsync(url)).ToJsonString());
    }
}
