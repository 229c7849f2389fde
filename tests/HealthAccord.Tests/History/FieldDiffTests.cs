using System.Text.Json.Nodes;
using HealthAccord.Data.History;
using HealthAccord.Web.History;

namespace HealthAccord.Tests.History;

/// <summary>How two snapshots of a record are compared and put into words, without a database.</summary>
public sealed class FieldDiffTests
{
    private static JsonObject Agreement(string title, JsonArray parties, string? signed = "2020-03-01", int version = 1) => new()
    {
        ["id"] = 4,
        ["title"] = title,
        ["kind"] = "memorandumOfUnderstanding",
        ["status"] = "inForce",
        ["signed"] = signed,
        ["parties"] = parties,
        ["partnershipIds"] = new JsonArray(1, 2),
        ["meta"] = new JsonObject
        {
            ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/a", ["title"] = "A", ["asOf"] = "2024" }),
            ["createdAt"] = "2026-01-01T00:00:00Z",
            ["updatedAt"] = $"2026-0{version}-01T00:00:00Z",
            ["version"] = version,
        },
    };

    private static JsonObject Party(int id, string name, string? country = null) => new() { ["id"] = id, ["name"] = name, ["countryCode"] = country };

    [Fact]
    public void Timestamps_versions_and_internal_ids_of_list_entries_are_not_changes()
    {
        var before = Agreement("Same", [Party(1, "France", "FR")]);
        var after = Agreement("Same", [Party(9, "France", "FR")], version: 2);

        Assert.Empty(FieldDiff.Compare(RecordType.Agreement, before, after, RecordLabels.None));
    }

    [Fact]
    public void Single_values_read_as_the_pages_write_them_and_an_emptied_one_is_null()
    {
        var before = Agreement("Old title", []);
        var after = Agreement("New title", [], signed: null);
        after["status"] = "superseded";

        var changes = FieldDiff.Compare(RecordType.Agreement, before, after, RecordLabels.None).ToDictionary(c => c.Field);

        Assert.Equal(["title", "status", "signed"], changes.Keys);
        Assert.Equal(("Old title", "New title"), (changes["title"].Old, changes["title"].New));
        Assert.Equal(("In force", "Superseded"), (changes["status"].Old, changes["status"].New));
        Assert.Equal(("1 March 2020", null), (changes["signed"].Old, changes["signed"].New));
        Assert.False(changes["title"].IsList);
    }

    [Fact]
    public void A_list_names_only_the_entries_removed_and_added_counting_repeats()
    {
        var before = Agreement("T", [Party(1, "A party"), Party(2, "A party"), Party(3, "France", "FR")]);
        var after = Agreement("T", [Party(4, "A party"), Party(5, "Spain", "ES")]);
        after["meta"]!["sources"]!.AsArray().Add(new JsonObject { ["url"] = "https://example.org/b", ["title"] = "B" });

        var changes = FieldDiff.Compare(RecordType.Agreement, before, after, RecordLabels.None).ToDictionary(c => c.Field);

        Assert.Equal(["parties", "sources"], changes.Keys);
        Assert.Equal(["A party", "France (FR)"], changes["parties"].Removed);
        Assert.Equal(["Spain (ES)"], changes["parties"].Added);
        Assert.Empty(changes["sources"].Removed!);
        Assert.Equal(["B — https://example.org/b"], changes["sources"].Added);
    }

    [Fact]
    public void A_created_record_lists_every_filled_field_as_new()
    {
        var created = Agreement("Brand new", [Party(1, "A party")]);

        var changes = FieldDiff.Compare(RecordType.Agreement, null, created, RecordLabels.None);

        Assert.Equal(["title", "kind", "status", "signed", "parties", "partnershipIds", "sources"], changes.Select(c => c.Field));
        Assert.All(changes.Where(c => !c.IsList), c => Assert.Null(c.Old));
        Assert.Equal(["partnership 1", "partnership 2"], changes.Single(c => c.Field == "partnershipIds").Added);
        Assert.Equal(["A — https://example.org/a (as of 2024)"], changes.Single(c => c.Field == "sources").Added);
    }

    [Theory]
    [InlineData("euRoleNote", "EU role note", "EU role note")]
    [InlineData("renewalNote", "Renewal note", "renewal note")]
    [InlineData("rorId", "ROR id", "ROR id")]
    [InlineData("partnershipIds", "Linked partnerships", "linked partnerships")]
    public void Field_names_read_as_words(string field, string name, string inSentence)
    {
        Assert.Equal(name, FieldText.Name(field));
        Assert.Equal(inSentence, FieldText.NameInSentence(field));
    }
}
