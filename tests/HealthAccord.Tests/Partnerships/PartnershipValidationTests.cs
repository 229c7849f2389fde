using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Partnerships;

/// <summary>
/// Invalid partnerships are refused with a validation problem naming each bad field, and nothing is stored.
/// Each request carries a unique marker in its summary, so "nothing stored" is checked by searching for it.
/// </summary>
public sealed class PartnershipValidationTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Ways to spoil a valid input, keyed by "field: how", so each case has a readable, serialisable name.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Spoilers = new()
    {
        ["name: empty"] = input => input["name"] = "",
        ["name: blank"] = input => input["name"] = "   ",
        ["name: 301 characters"] = input => input["name"] = new string('n', 301),
        ["name: missing"] = input => input.Remove("name"),
        ["slug: upper case and spaces"] = input => input["slug"] = "Not A Slug",
        ["slug: double hyphen"] = input => input["slug"] = "bad--slug",
        ["slug: trailing hyphen"] = input => input["slug"] = "bad-slug-",
        ["slug: the address of the page for adding one"] = input => input["slug"] = "new",
        ["slug: 61 characters"] = input => input["slug"] = new string('s', 61),
        ["acronym: empty"] = input => input["acronym"] = "",
        ["summary: missing"] = input => input.Remove("summary"),
        ["kind: missing"] = input => input.Remove("kind"),
        ["euRole: missing"] = input => input.Remove("euRole"),
        ["foundedYear: next year"] = input => input["foundedYear"] = HealthAccordFactory.Now.Year + 1,
        ["foundedYear: before 1800"] = input => input["foundedYear"] = 1799,
        ["website: not a url"] = input => input["website"] = "not a url",
        ["website: not http"] = input => input["website"] = "ftp://example.org/file",
        ["website: a script"] = input => input["website"] = "javascript:alert(1)",
        ["sources: missing"] = input => input.Remove("sources"),
        ["sources: empty"] = input => input["sources"] = new JsonArray(),
        ["sources[0].url: source without url"] = input => input["sources"] = new JsonArray(new JsonObject { ["title"] = "t" }),
        ["sources[0].title: source without title"] = input => input["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org" }),
        ["themes[1]: blank theme"] = input => input["themes"] = new JsonArray("ok", " "),
    };

    public static TheoryData<string> InvalidFields => [.. Spoilers.Keys];

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task An_invalid_field_is_named_in_a_400_and_nothing_is_stored(string invalidCase)
    {
        var field = invalidCase.Split(": ")[0];
        var (input, marker) = MarkedInput();
        Spoilers[invalidCase](input);

        var fields = await (await _writer.PostAsJsonAsync("/api/v1/partnerships", input, Ct)).ReadErrorFieldsAsync();

        Assert.True(fields.SequenceEqual([field]), $"{invalidCase}: expected only '{field}' in errors, got [{string.Join(", ", fields)}].");
        await AssertNothingStoredAsync(marker);
    }

    [Fact]
    public async Task All_invalid_fields_are_named_in_one_answer()
    {
        var (input, marker) = MarkedInput();
        input["name"] = new string('n', 301);
        input["slug"] = "Not A Slug";
        input["foundedYear"] = HealthAccordFactory.Now.Year + 1;
        input["website"] = "not a url";
        input.Remove("sources");

        var fields = await (await _writer.PostAsJsonAsync("/api/v1/partnerships", input, Ct)).ReadErrorFieldsAsync();

        Assert.Equal(["foundedYear", "name", "slug", "sources", "website"], fields.Order());
        await AssertNothingStoredAsync(marker);
    }

    [Fact]
    public async Task The_limits_themselves_are_allowed_a_300_character_name_and_a_founding_this_year()
    {
        var (input, marker) = MarkedInput();
        input["name"] = new string('n', 300);
        input["foundedYear"] = HealthAccordFactory.Now.Year; // the app's clock year, not the machine's

        var created = await PartnershipData.CreateAsync(_writer, input);

        Assert.Equal(300, ((string)created["name"]!).Length);
        var found = await (await _reader.GetAsync($"/api/v1/partnerships?q={marker}", Ct)).ReadJsonObjectAsync();
        Assert.Equal(1, (int)found["total"]!);
    }

    private static (JsonObject Input, string Marker) MarkedInput()
    {
        var slug = PartnershipData.UniqueSlug();
        var input = PartnershipData.ValidInput(slug);
        var marker = "marker" + Guid.NewGuid().ToString("N");
        input["summary"] = $"Validation test {marker}";
        input["mission"] = marker; // still searchable when a case removes the summary
        return (input, marker);
    }

    private async Task AssertNothingStoredAsync(string marker)
    {
        var found = await (await _reader.GetAsync($"/api/v1/partnerships?q={marker}", Ct)).ReadJsonObjectAsync();
        Assert.Equal(0, (int)found["total"]!);
    }
}
