using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>Reading the history through the API: the audit log with its filters and pages, a record's history, one change.</summary>
public sealed class HistoryApiTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HistoryAuthor _author = factory.CreateAuthor(displayName: "Ada Auditor");

    private HttpClient Writer => _author.Api;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Renames an organisation <paramref name="times"/> times; each rename is one change.</summary>
    private async Task RenameAsync(JsonObject organisation, int times)
    {
        var url = OrganisationData.Url(organisation);
        for (var i = 1; i <= times; i++)
        {
            var (_, etag) = await _reader.GetWithETagAsync(url);
            await (await Writer.PutJsonAsync(url, OrganisationData.ValidInput($"Renamed {i} {Guid.NewGuid():N}"), etag)).AssertStatusAsync(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_audit_log_is_for_administrators_while_a_records_history_is_public()
    {
        var world = await HistoryWorld.CreateAsync(Writer);
        var editor = factory.CreateAuthor(AccountRoles.Editor, partnerships: [world.PartnershipId]);

        await (await _reader.GetAsync("/api/v1/history", Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await editor.Api.GetAsync("/api/v1/history", Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var history = await _reader.GetJsonAsync($"/api/v1/partnerships/{world.Slug}/history");
        Assert.True((int)history["total"]! >= 1);
    }

    [Fact]
    public async Task A_record_filter_pages_through_its_changes_newest_first()
    {
        var organisation = await OrganisationData.CreateAsync(Writer);
        await RenameAsync(organisation, 2);
        var id = (int)organisation["id"]!;

        var first = await Writer.GetJsonAsync($"/api/v1/history?recordType=organisation&recordId={id}&pageSize=2");
        var second = await Writer.GetJsonAsync($"/api/v1/history?recordType=organisation&recordId={id}&pageSize=2&page=2");

        Assert.Equal(3, (int)first["total"]!);
        Assert.Equal(["updated", "updated"], first.Items().Select(c => (string)HistoryData.OnlyRecord(c!)["kind"]!));
        Assert.Equal(["created"], second.Items().Select(c => (string)HistoryData.OnlyRecord(c!)["kind"]!));
        Assert.Contains("page=2", (string)first["links"]!["next"]!, StringComparison.Ordinal);
        Assert.Null(second["links"]!["next"]);
        var ids = first.Items().Concat(second.Items()).Select(c => (long)c!["id"]!).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task Actor_and_source_filters_narrow_the_log()
    {
        var organisation = await OrganisationData.CreateAsync(Writer);
        await RenameAsync(organisation, 1);
        var id = (int)organisation["id"]!;
        await HistoryData.RevertedAsync(Writer, await HistoryData.LatestChangeIdAsync(Writer, "organisation", id));
        var filter = $"recordType=organisation&recordId={id}";

        Assert.Equal(3, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&actor={_author.Account.Id}"))["total"]!);
        Assert.Equal(3, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&actor=Ada%20Auditor"))["total"]!);
        Assert.Equal(0, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&actor=someone-else"))["total"]!);
        var reverts = await Writer.GetJsonAsync($"/api/v1/history?{filter}&source=revert");
        Assert.Equal(["revert"], reverts.Items().Select(c => (string)c!["source"]!));
        Assert.Equal(2, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&source=api"))["total"]!);
    }

    [Fact]
    public async Task Date_filters_include_whole_UTC_days()
    {
        var organisation = await OrganisationData.CreateAsync(Writer);
        var filter = $"recordType=organisation&recordId={(int)organisation["id"]!}";
        var today = HealthAccordFactory.Now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = HealthAccordFactory.Now.UtcDateTime.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(1, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&from={today}&to={today}"))["total"]!);
        Assert.Equal(0, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&from={tomorrow}"))["total"]!);
        Assert.Equal(0, (int)(await Writer.GetJsonAsync($"/api/v1/history?{filter}&to=2026-11-27"))["total"]!);
    }

    [Theory]
    [InlineData("recordType=planet", "recordType")]
    [InlineData("recordId=5", "recordId")]
    [InlineData("recordType=goal&recordId=0", "recordId")]
    [InlineData("source=fax", "source")]
    [InlineData("from=28-11-2026", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-11-28&to=2026-11-01", "to")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task An_unusable_filter_is_a_400_naming_it(string query, string field)
    {
        var fields = await (await Writer.GetAsync($"/api/v1/history?{query}", Ct)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task A_partnerships_history_includes_its_memberships_and_goals_and_an_organisations_its_seats()
    {
        var world = await HistoryWorld.CreateAsync(Writer);

        var partnership = await _reader.GetJsonAsync($"/api/v1/partnerships/{world.Slug}/history");
        var organisation = await _reader.GetJsonAsync($"/api/v1/organisations/{world.OrganisationId}/history");

        // Created: the partnership, the seat, the goal; the measurement updated the goal. The agreement is its own record.
        Assert.Equal(["goal updated", "goal created", "membership created", "partnership created"],
            partnership.Items().Select(c => $"{HistoryData.OnlyRecord(c!)["recordType"]} {HistoryData.OnlyRecord(c!)["kind"]}"));
        Assert.Equal(["membership created", "organisation created"],
            organisation.Items().Select(c => $"{HistoryData.OnlyRecord(c!)["recordType"]} {HistoryData.OnlyRecord(c!)["kind"]}"));
        Assert.Equal(1, (int)(await _reader.GetJsonAsync($"/api/v1/agreements/{world.AgreementId}/history"))["total"]!);
        Assert.Equal(1, (int)(await _reader.GetJsonAsync($"/api/v1/memberships/{world.MembershipId}/history"))["total"]!);
        Assert.Equal(2, (int)(await _reader.GetJsonAsync($"/api/v1/goals/{world.GoalId}/history"))["total"]!);
    }

    [Fact]
    public async Task A_deleted_records_history_stays_readable_and_an_unknown_record_is_404()
    {
        var world = await HistoryWorld.CreateAsync(Writer);
        var url = $"/api/v1/memberships/{world.MembershipId}";
        var (_, etag) = await _reader.GetWithETagAsync(url);
        await (await Writer.DeleteWithIfMatchAsync(url, etag)).AssertStatusAsync(HttpStatusCode.NoContent);

        var history = await _reader.GetJsonAsync($"{url}/history");

        Assert.Equal(["deleted", "created"], history.Items().Select(c => (string)HistoryData.OnlyRecord(c!)["kind"]!));
        await (await _reader.GetAsync("/api/v1/memberships/987654321/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _reader.GetAsync("/api/v1/partnerships/no-such-partnership/history", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task One_change_shows_each_records_state_before_and_after_in_the_export_shape()
    {
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(Writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        var input = PartnershipData.ValidInput(slug);
        input["foundedYear"] = 2001;
        await (await PartnershipData.PutAsync(Writer, slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        var id = await HistoryData.LatestChangeIdAsync(Writer, "partnership", (int)created["id"]!);

        var change = await _reader.GetJsonAsync($"/api/v1/history/changes/{id}");

        var record = change["records"]!.AsArray().Single()!;
        Assert.Equal(2015, (int)record["before"]!["foundedYear"]!);
        Assert.Equal(2001, (int)record["after"]!["foundedYear"]!);
        Assert.Equal(1, (int)record["before"]!["meta"]!["version"]!);
        Assert.Equal(2, (int)record["after"]!["meta"]!["version"]!);
        Assert.Equal($"/api/v1/partnerships/{slug}", (string)record["url"]!);
        var field = HistoryData.Field(record.AsObject(), "foundedYear");
        Assert.Equal(("2015", "2001"), ((string)field["old"]!, (string)field["new"]!));
        await (await _reader.GetAsync("/api/v1/history/changes/987654321", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_log_downloads_as_csv_with_one_row_per_change()
    {
        var organisation = await OrganisationData.CreateAsync(Writer);
        await RenameAsync(organisation, 1);

        var response = await Writer.GetAsync($"/api/v1/history?recordType=organisation&recordId={(int)organisation["id"]!}&format=csv", Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Id,At,ActorId,ActorName,Source,Summary,RevertOf,RecordCount,Records", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains($"{_author.Account.Id},Ada Auditor,api,Updated organisation", lines[1], StringComparison.Ordinal);
    }
}
