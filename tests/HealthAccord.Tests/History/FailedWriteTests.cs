using System.Net;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>A write that is refused leaves no trace in the history, and one that changes no value leaves none either.</summary>
public sealed class FailedWriteTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    private async Task AssertNothingRecordedAsync(Func<Task<HttpResponseMessage>> write, HttpStatusCode expected)
    {
        var before = await HistoryData.CountAsync(_writer);
        await (await write()).ReadProblemAsync(expected);
        Assert.Equal(before, await HistoryData.CountAsync(_writer));
    }

    [Fact]
    public async Task Invalid_fields_a_missing_or_stale_If_Match_and_a_missing_record_record_nothing()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var (_, etag) = await PartnershipData.GetAsync(_reader, world.Slug);
        var invalid = PartnershipData.ValidInput(world.Slug);
        invalid["name"] = "";
        var renamed = PartnershipData.ValidInput(world.Slug);
        renamed["name"] = "Never saved";

        await AssertNothingRecordedAsync(() => _writer.PostJsonAsync("/api/v1/partnerships", invalid), HttpStatusCode.BadRequest);
        await AssertNothingRecordedAsync(() => PartnershipData.PutAsync(_writer, world.Slug, invalid, etag), HttpStatusCode.BadRequest);
        await AssertNothingRecordedAsync(() => PartnershipData.PutAsync(_writer, world.Slug, renamed, null), (HttpStatusCode)428);
        await AssertNothingRecordedAsync(() => PartnershipData.PutAsync(_writer, world.Slug, renamed, "\"0123456789abcdef0123456789abcdef\""),
            HttpStatusCode.PreconditionFailed);
        await AssertNothingRecordedAsync(() => _writer.PostJsonAsync("/api/v1/goals/987654321/measurements", HistoryWorld.Measurement("2025", 1)),
            HttpStatusCode.NotFound);
        Assert.Equal($"Test partnership {world.Slug}", (string)(await PartnershipData.GetAsync(_reader, world.Slug)).Body["name"]!);
    }

    [Fact]
    public async Task Deleting_an_organisation_still_in_use_is_a_409_that_records_nothing()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var url = $"/api/v1/organisations/{world.OrganisationId}";
        var (_, etag) = await _reader.GetWithETagAsync(url);

        await AssertNothingRecordedAsync(() => _writer.DeleteWithIfMatchAsync(url, etag), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, await _reader.StatusOfAsync(url));
    }

    [Fact]
    public async Task A_write_that_changes_no_value_records_nothing()
    {
        var world = await HistoryWorld.CreateAsync(_writer);
        var (_, etag) = await PartnershipData.GetAsync(_reader, world.Slug);
        var before = await HistoryData.CountAsync(_writer);

        await (await PartnershipData.PutAsync(_writer, world.Slug, PartnershipData.ValidInput(world.Slug), etag)).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(before, await HistoryData.CountAsync(_writer));
    }
}
