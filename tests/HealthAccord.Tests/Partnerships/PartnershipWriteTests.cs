using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Partnerships;

/// <summary>Creating, replacing and deleting partnerships. Every test works on partnerships it created itself.</summary>
public sealed class PartnershipWriteTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_partnership_answers_201_with_its_location_and_is_then_readable()
    {
        var slug = PartnershipData.UniqueSlug();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var response = await _writer.PostAsJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(slug), Ct);
        var created = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/partnerships/{slug}", response.Headers.Location?.OriginalString);
        Assert.Equal(slug, (string)created["slug"]!);
        Assert.Equal(1, (int)created["version"]!);

        var (read, _) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal($"Test partnership {slug}", (string)read["name"]!);
        Assert.Equal("researchConsortium", (string)read["kind"]!);
        Assert.Equal("observer", (string)read["euRole"]!);
        Assert.Equal("active", (string)read["status"]!);
        Assert.Equal(2015, (int)read["foundedYear"]!);
        Assert.Equal(["testing", "quality"], read["themes"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("Example source", (string)read["sources"]![0]!["title"]!);
        Assert.Null(read["headlineGoal"]);
        Assert.Equal(now, (DateTime)read["createdAt"]!);

        var listed = await (await _reader.GetAsync($"/api/v1/partnerships?q={slug}", Ct)).ReadJsonObjectAsync();
        Assert.Equal([slug], listed.Slugs());
    }

    [Fact]
    public async Task Text_is_trimmed_and_themes_are_stored_lower_case_once()
    {
        var slug = PartnershipData.UniqueSlug();
        var input = PartnershipData.ValidInput(slug);
        input["name"] = "  Spaced name  ";
        input["themes"] = new JsonArray("Genomics", "genomics ", "Data Sharing");
        await PartnershipData.CreateAsync(_writer, input);

        var (read, _) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal("Spaced name", (string)read["name"]!);
        Assert.Equal(["genomics", "data sharing"], read["themes"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public async Task A_second_partnership_with_the_same_slug_is_refused_and_the_first_is_kept()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var duplicate = PartnershipData.ValidInput(slug);
        duplicate["name"] = "Impostor";

        var fields = await (await _writer.PostAsJsonAsync("/api/v1/partnerships", duplicate, Ct)).ReadErrorFieldsAsync();

        Assert.Equal(["slug"], fields);
        Assert.Equal($"Test partnership {slug}", (string)(await PartnershipData.GetAsync(_reader, slug)).Body["name"]!);
    }

    [Fact]
    public async Task An_update_without_If_Match_is_428_and_changes_nothing()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (before, _) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "Changed without If-Match";

        await (await PartnershipData.PutAsync(_writer, slug, change, ifMatch: null)).ReadProblemAsync((HttpStatusCode)428);

        var (after, _) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Of_two_editors_who_read_the_same_version_the_second_gets_412_and_the_first_change_stands()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etagBothRead) = await PartnershipData.GetAsync(_reader, slug);

        var first = PartnershipData.ValidInput(slug);
        first["name"] = "First editor's name";
        var firstResponse = await PartnershipData.PutAsync(_writer, slug, first, etagBothRead);
        var afterFirst = await firstResponse.ReadJsonObjectAsync();
        Assert.Equal("First editor's name", (string)afterFirst["name"]!);
        Assert.Equal(2, (int)afterFirst["version"]!);
        Assert.NotEqual(etagBothRead, firstResponse.Headers.ETag?.ToString());

        var second = PartnershipData.ValidInput(slug);
        second["name"] = "Second editor's name";
        var secondResponse = await PartnershipData.PutAsync(_writer, slug, second, etagBothRead);
        var problem = await secondResponse.ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        var (stored, currentETag) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal("First editor's name", (string)stored["name"]!);
        Assert.Equal(2, (int)stored["version"]!);
        Assert.Equal(currentETag, (string)problem["currentETag"]!);
        Assert.Equal(currentETag, secondResponse.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task An_update_with_the_current_ETag_is_200_and_every_reader_sees_the_change()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "Renamed partnership";
        change["euRole"] = "memberAndContributor";
        change["website"] = null;

        var response = await PartnershipData.PutAsync(_writer, slug, change, etag);
        var updated = await response.ReadJsonObjectAsync();

        Assert.Equal("Renamed partnership", (string)updated["name"]!);
        var (read, readETag) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal("Renamed partnership", (string)read["name"]!);
        Assert.Equal("memberAndContributor", (string)read["euRole"]!);
        Assert.Null(read["website"]);
        Assert.Equal(2, (int)read["version"]!);
        Assert.Equal(response.Headers.ETag?.ToString(), readETag);
    }

    [Fact]
    public async Task An_update_can_move_a_partnership_to_a_new_slug()
    {
        var slug = PartnershipData.UniqueSlug();
        var newSlug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);

        var response = await PartnershipData.PutAsync(_writer, slug, PartnershipData.ValidInput(newSlug), etag);
        await response.AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, slug));
        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_reader, newSlug));
    }

    [Fact]
    public async Task An_update_that_fails_validation_is_400_and_changes_nothing()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (before, etag) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "";

        var fields = await (await PartnershipData.PutAsync(_writer, slug, change, etag)).ReadErrorFieldsAsync();

        Assert.Equal(["name"], fields);
        Assert.Equal(before.ToJsonString(), (await PartnershipData.GetAsync(_reader, slug)).Body.ToJsonString());
    }

    [Fact]
    public async Task Updating_an_unknown_slug_is_404()
    {
        var slug = PartnershipData.UniqueSlug();
        await (await PartnershipData.PutAsync(_writer, slug, PartnershipData.ValidInput(slug), "\"anything\"")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_delete_needs_the_current_ETag_and_then_removes_the_partnership()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);

        await (await _writer.DeleteAsync($"/api/v1/partnerships/{slug}", Ct)).ReadProblemAsync((HttpStatusCode)428);
        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_reader, slug));

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/partnerships/{slug}");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await _writer.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, slug));
    }

    // Known bug (see the test report): HealthAccordDbContext.Stamp() only stamps entries in the Modified state, and
    // a change confined to the owned JSON collection Sources leaves the Partnership entry Unchanged, so version and
    // updatedAt stay as they were although the record (and its ETag) changed.
    [Fact]
    public async Task Changing_only_the_sources_counts_as_a_change()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var change = PartnershipData.ValidInput(slug);
        change["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/better-source", ["title"] = "A better source" });

        await (await PartnershipData.PutAsync(_writer, slug, change, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var (read, _) = await PartnershipData.GetAsync(_reader, slug);
        Assert.Equal("A better source", (string)read["sources"]![0]!["title"]!);
        Assert.Equal(2, (int)read["version"]!);
        Assert.True((DateTime)read["updatedAt"]! > (DateTime)read["createdAt"]!);
    }

    // Known bug (see the test report): Create checks that the slug is free, then saves; two requests that pass the
    // check together both save, the unique index on Slug refuses the second, and the DbUpdateException is not
    // handled, so the client gets a 500. With eight concurrent requests this shows on practically every run.
    [Fact]
    public async Task Concurrent_creates_of_one_slug_store_one_partnership_and_answer_the_others_without_a_server_error()
    {
        var slug = PartnershipData.UniqueSlug();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _writer.PostAsJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(slug), Ct)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.All(statuses.Where(s => s != 201), s => Assert.True(s is 400 or 409, $"A competing create answered {s}."));
    }
}
