using System.Net;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>What an edit leaves in the history: who, when, which fields, old and new values.</summary>
public sealed class RecordedEditTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();

    [Fact]
    public async Task Without_a_display_name_an_author_is_named_by_the_part_of_the_email_before_the_at()
    {
        var author = factory.CreateAuthor();

        var created = await PartnershipData.CreateAsync(author.Api, PartnershipData.ValidInput(PartnershipData.UniqueSlug()));

        var actor = (await HistoryData.ChangesOfAsync(author.Api, "partnership", (int)created["id"]!))[0]!["actor"]!;
        Assert.Equal(author.Account.Id, (string)actor["id"]!);
        Assert.Equal(author.Account.Email.Split('@')[0], (string)actor["name"]!);
        Assert.DoesNotContain("@", (string)actor["name"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_records_who_when_and_each_changed_field_with_its_old_and_new_value()
    {
        var author = factory.CreateAuthor(displayName: "Grace Editor");
        var writer = author.Api;
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "A better name";
        change["euRole"] = "memberAndContributor";
        change["themes"] = new System.Text.Json.Nodes.JsonArray("testing", "genomics");
        await (await PartnershipData.PutAsync(writer, slug, change, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var changes = await HistoryData.ChangesOfAsync(writer, "partnership", (int)created["id"]!);

        Assert.Equal(2, changes.Count);
        var update = changes[0]!;
        Assert.Equal("api", (string)update["source"]!);
        Assert.Equal(author.Account.Id, (string)update["actor"]!["id"]!);
        Assert.Equal("Grace Editor", (string)update["actor"]!["name"]!);
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
