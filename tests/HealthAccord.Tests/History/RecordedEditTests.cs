using System.Net;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>What an edit leaves in the history: who, when, which fields, old and new values.</summary>
public sealed class RecordedEditTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateWriterClient();

    [Fact]
    public async Task An_update_records_who_when_and_each_changed_field_with_its_old_and_new_value()
    {
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "A better name";
        change["euRole"] = "memberAndContributor";
        change["themes"] = new System.Text.Json.Nodes.JsonArray("testing", "genomics");
        await (await PartnershipData.PutAsync(_writer, slug, change, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var changes = await HistoryData.ChangesOfAsync(_writer, "partnership", (int)created["id"]!);

        Assert.Equal(2, changes.Count);
        var update = changes[0]!;
        Assert.Equal("api", (string)update["source"]!);
        Assert.Equal("api-key", (string)update["actor"]!["id"]!);
        Assert.Equal("API key holder", (string)update["actor"]!["name"]!);
        Assert.Equal(HealthAccordFactory.Now.UtcDateTime, (DateTime)update["at"]!);
        var record = HistoryData.OnlyRecord(update);
        Assert.Equal("updated", (string)record["kind"]!);
        Assert.Equal(["euRole", "name", "themes"], HistoryData.FieldNames(record).Order(StringComparer.Ordinal));
        Assert.Equal($"Test partnership {slug}", (string)HistoryData.Field(record, "name")["old"]!);
        Assert.Equal("A better name", (string)HistoryData.Field(record, "name")["new"]!);
        Assert.Equal("Observer", (string)HistoryData.Field(record, "euRole")["old"]!);
        Assert.Equal("Member and contributor", (string)HistoryData.Field(record, "euRole")["new"]!);
        Assert.Equal(["quality"], HistoryData.Field(record, "themes")["removed"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["genomics"], HistoryData.Field(record, "themes")["added"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("created", (string)HistoryData.OnlyRecord(changes[1]!)["kind"]!);
    }
}
