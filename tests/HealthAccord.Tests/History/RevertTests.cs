using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.History;

/// <summary>
/// POST /api/v1/history/changes/{id}/revert: updates get their earlier values back, creations are deleted, deletions
/// come back under their old ids, and a record changed since stops the whole revert. Each test makes its own records.
/// </summary>
public sealed class RevertTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    private async Task<HttpResponseMessage> RenameAsync(string slug, string name, string? mission = null)
    {
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        var input = PartnershipData.ValidInput(slug);
        input["name"] = name;
        if (mission is not null) input["mission"] = mission;
        return await PartnershipData.PutAsync(_writer, slug, input, etag);
    }

    private async Task DeleteAsync(string url)
    {
        var (_, etag) = await _reader.GetWithETagAsync(url);
        await (await _writer.DeleteWithIfMatchAsync(url, etag)).AssertStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Reverting_an_update_puts_the_earlier_values_back_as_a_change_that_points_at_it()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        await (await RenameAsync(world.Slug, "A passing name")).AssertStatusAsync(HttpStatusCode.OK);
        var update = await HistoryData.LatestChangeIdAsync(_writer, "partnership", world.PartnershipId);

        var response = await HistoryData.RevertAsync(_writer, update);
        var revert = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/history/changes/{(long)revert["id"]!}", response.Headers.Location?.OriginalString);
        Assert.Equal("revert", (string)revert["source"]!);
        Assert.Equal(update, (long)revert["revertOf"]!);
        Assert.StartsWith($"Reverted change {update}: Updated partnership TEST: name", (string)revert["summary"]!, StringComparison.Ordinal);
        var name = HistoryData.Field(HistoryData.OnlyRecord(revert), "name");
        Assert.Equal("A passing name", (string)name["old"]!);
        Assert.Equal($"Test partnership {world.Slug}", (string)name["new"]!);
        Assert.Equal($"Test partnership {world.Slug}", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
        var original = await _reader.GetJsonAsync($"/api/v1/history/changes/{update}");
        Assert.Equal([(long)revert["id"]!], original["revertedBy"]!.AsArray().Select(id => (long)id!));
    }

    [Fact]
    public async Task Reverting_a_creation_deletes_the_record()
    {
        var organisation = await OrganisationData.CreateAsync(_writer);
        var id = (int)organisation["id"]!;

        await HistoryData.RevertedAsync(_writer, await HistoryData.LatestChangeIdAsync(_writer, "organisation", id));

        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync(OrganisationData.Url(organisation)));
        var changes = await HistoryData.ChangesOfAsync(_writer, "organisation", id);
        Assert.Equal(["deleted", "created"], changes.Select(c => (string)HistoryData.OnlyRecord(c!)["kind"]!));
    }

    [Fact]
    public async Task Reverting_a_deletion_recreates_the_record_under_its_old_id_with_its_values()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var url = $"/api/v1/memberships/{world.MembershipId}";
        var before = await _reader.GetJsonAsync(url);
        await DeleteAsync(url);

        await HistoryData.RevertedAsync(_writer, await HistoryData.LatestChangeIdAsync(_writer, "membership", world.MembershipId));

        var after = await _reader.GetJsonAsync(url);
        foreach (var field in new[] { "id", "partnershipSlug", "organisationId", "role", "joined", "sources" })
            Assert.True(JsonNode.DeepEquals(before[field], after[field]), $"{field}: {before[field]?.ToJsonString()} became {after[field]?.ToJsonString()}");
    }

    [Fact]
    public async Task Reverting_a_partnership_deletion_brings_back_its_members_goals_measurements_and_agreement_link()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        await DeleteAsync($"/api/v1/partnerships/{world.Slug}");
        var deletion = await HistoryData.LatestChangeIdAsync(_writer, "partnership", world.PartnershipId);

        await HistoryData.RevertedAsync(_writer, deletion);

        var (partnership, _) = await PartnershipData.GetAsync(_reader, world.Slug);
        Assert.Equal(world.PartnershipId, (int)partnership["id"]!);
        Assert.Equal([world.MembershipId], partnership["members"]!.AsArray().Select(m => (int)m!["membershipId"]!));
        var goal = await _reader.GetJsonAsync($"/api/v1/goals/{world.GoalId}");
        Assert.Equal([world.MeasurementId], goal["measurements"]!.AsArray().Select(m => (int)m!["id"]!));
        var agreement = await _reader.GetJsonAsync($"/api/v1/agreements/{world.AgreementId}");
        Assert.Contains(world.Slug, agreement["partnerships"]!.AsArray().Select(p => (string)p!["slug"]!));
    }

    [Fact]
    public async Task A_revert_is_refused_with_409_when_a_record_changed_since_and_then_nothing_changes()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        await (await RenameAsync(world.Slug, "First name")).AssertStatusAsync(HttpStatusCode.OK);
        var first = await HistoryData.LatestChangeIdAsync(_writer, "partnership", world.PartnershipId);
        await (await RenameAsync(world.Slug, "First name", mission: "A later mission")).AssertStatusAsync(HttpStatusCode.OK);
        var changes = await HistoryData.CountAsync(_writer);

        var problem = await (await HistoryData.RevertAsync(_writer, first)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("partnership TEST: mission changed", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(["partnership TEST: mission changed"], problem["changedSince"]!.AsArray().Select(c => (string)c!));
        var (now, _) = await PartnershipData.GetAsync(_reader, world.Slug);
        Assert.Equal("First name", (string)now["name"]!);
        Assert.Equal("A later mission", (string)now["mission"]!);
        Assert.Equal(changes, await HistoryData.CountAsync(_writer));
    }

    [Fact]
    public async Task Earlier_values_that_no_longer_pass_the_checks_of_an_edit_are_refused_naming_the_field()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        await DeleteAsync($"/api/v1/memberships/{world.MembershipId}");
        var deletion = await HistoryData.LatestChangeIdAsync(_writer, "membership", world.MembershipId);
        // The membership's organisation is free now, and goes.
        await DeleteAsync($"/api/v1/organisations/{world.OrganisationId}");

        var problem = await (await HistoryData.RevertAsync(_writer, deletion)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(["organisationId"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync($"/api/v1/memberships/{world.MembershipId}"));
    }

    [Fact]
    public async Task A_new_headline_goal_is_reverted_together_with_the_demotion_it_caused()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var first = await _writer.CreateAsync("/api/v1/goals", HistoryWorld.Goal(world.Slug, "The first headline", headline: true));
        var second = await _writer.CreateAsync("/api/v1/goals", HistoryWorld.Goal(world.Slug, "The second headline", headline: true));
        var promotion = await HistoryData.LatestChangeIdAsync(_writer, "goal", (int)second["id"]!);
        var recorded = await _writer.GetJsonAsync($"/api/v1/history/changes/{promotion}");
        Assert.Equal(["goal created", "goal updated"],
            recorded["records"]!.AsArray().Select(r => $"{r!["recordType"]} {r["kind"]}").Order(StringComparer.Ordinal));

        await HistoryData.RevertedAsync(_writer, promotion);

        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync($"/api/v1/goals/{(int)second["id"]!}"));
        Assert.True((bool)(await _reader.GetJsonAsync($"/api/v1/goals/{(int)first["id"]!}"))["isHeadline"]!);
    }

    [Fact]
    public async Task Reverting_a_revert_makes_the_change_again()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        await (await RenameAsync(world.Slug, "Wanted after all")).AssertStatusAsync(HttpStatusCode.OK);
        var revert = await HistoryData.RevertedAsync(_writer, await HistoryData.LatestChangeIdAsync(_writer, "partnership", world.PartnershipId));

        await HistoryData.RevertedAsync(_writer, (long)revert["id"]!);

        Assert.Equal("Wanted after all", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
    }

    [Fact]
    public async Task An_agreement_edit_is_reverted_with_its_parties_documents_and_links()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var other = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(other));
        var url = $"/api/v1/agreements/{world.AgreementId}";
        var (before, etag) = await _reader.GetWithETagAsync(url);
        var input = HistoryWorld.Agreement(other, "A renamed memorandum");
        input["parties"] = new JsonArray(new JsonObject { ["name"] = "Someone else" });
        input["documents"] = new JsonArray();
        await (await _writer.PutJsonAsync(url, input, etag)).AssertStatusAsync(HttpStatusCode.OK);

        await HistoryData.RevertedAsync(_writer, await HistoryData.LatestChangeIdAsync(_writer, "agreement", world.AgreementId));

        var after = await _reader.GetJsonAsync(url);
        Assert.Equal((string)before["title"]!, (string)after["title"]!);
        Assert.Equal(before["parties"]!.AsArray().Select(p => (string)p!["name"]!), after["parties"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(before["documents"]!.ToJsonString(), after["documents"]!.ToJsonString());
        Assert.Equal([world.Slug], after["partnerships"]!.AsArray().Select(p => (string)p!["slug"]!));
    }

    [Fact]
    public async Task Reverting_needs_the_right_to_make_each_change_as_an_edit_would_and_a_refusal_changes_nothing()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var editor = factory.CreateAuthor(AccountRoles.Editor, partnerships: [world.PartnershipId]);
        var elsewhere = await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(PartnershipData.UniqueSlug()));
        var stranger = factory.CreateAuthor(AccountRoles.Editor, partnerships: [(int)elsewhere["id"]!]);
        var url = $"/api/v1/memberships/{world.MembershipId}";
        var (_, etag) = await _reader.GetWithETagAsync(url);
        await (await _writer.PutJsonAsync(url, HistoryWorld.Membership(world.Slug, world.OrganisationId, "observer"), etag)).AssertStatusAsync(HttpStatusCode.OK);
        var seatChange = await HistoryData.LatestChangeIdAsync(_writer, "membership", world.MembershipId);

        await (await HistoryData.RevertAsync(stranger.Api, seatChange)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("observer", (string)(await _reader.GetJsonAsync(url))["role"]!);
        await HistoryData.RevertedAsync(editor.Api, seatChange);
        Assert.Equal("member", (string)(await _reader.GetJsonAsync(url))["role"]!);

        await DeleteAsync($"/api/v1/partnerships/{world.Slug}");
        var deletion = await HistoryData.LatestChangeIdAsync(_writer, "partnership", world.PartnershipId);
        // Bringing a partnership back is adding one, which only administrators do.
        var refused = await (await HistoryData.RevertAsync(editor.Api, deletion)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Only administrators add or remove partnerships.", (string)refused["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, world.Slug));
    }

    [Fact]
    public async Task An_unknown_change_is_404_and_an_import_is_not_reverted()
    {
        await (await HistoryData.RevertAsync(_writer, 987_654_321)).ReadProblemAsync(HttpStatusCode.NotFound);

        long import;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var set = new ChangeSet
            {
                At = factory.Clock.GetUtcNow().UtcDateTime,
                ActorId = "cli:test",
                ActorName = "test (command line)",
                Source = ChangeSource.Import,
                Summary = "Imported grants from test.json",
            };
            db.ChangeSets.Add(set);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            import = set.Id;
        }

        var problem = await (await HistoryData.RevertAsync(_writer, import)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Imports are not undone", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}
