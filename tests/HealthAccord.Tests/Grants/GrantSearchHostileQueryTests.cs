using System.Net;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// Query strings a careless or hostile client sends to GET /api/v1/grants. Each gets an answer a client can act on:
/// a 400 problem naming the parameter, or a search that runs (the text taken as plain words when the query syntax
/// cannot read it). None may reach a 500. The cases the search tests already cover (an unclosed quote or bracket, a
/// leading wildcard, unknown sort) are not repeated here.
/// </summary>
public sealed class GrantSearchHostileQueryTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> SearchAsync(string query) => _client.GetAsync("/api/v1/grants?" + query, Ct);

    private static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:(")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("*:*")]
    [InlineData("title:*")]
    [InlineData("/[unclosed/")]
    [InlineData("/(/")]
    [InlineData("/.*/")]
    [InlineData("mal*")]
    [InlineData("m*a*")]
    [InlineData("malaria~9")]
    [InlineData("malaria~0.5")]
    [InlineData("\"malaria vaccine\"~100000")]
    [InlineData("malaria^99999999999999999999999")]
    [InlineData("malaria^-1")]
    [InlineData("id:[* TO *]")]
    [InlineData("grantId:[0 TO 99999999999]")]
    [InlineData("{a TO z}")]
    [InlineData("AND OR NOT")]
    [InlineData("+-!():^[]\"{}~*?|&/\\")]
    [InlineData("\\")]
    [InlineData("\u0000")]
    [InlineData("🦠 malaria")]
    [InlineData("' OR 1=1 --")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Query_syntax_errors_and_expensive_patterns_are_searched_not_failed(string text)
    {
        var response = await SearchAsync(Q(text));

        var page = await response.ReadJsonObjectAsync(HttpStatusCode.OK);
        var total = (int)page["total"]!;
        Assert.InRange(total, 0, GrantSearchFactory.Rows.Length);
        Assert.Equal(Math.Min(total, 20), page["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_plain_word_search_still_finds_grants_when_the_syntax_breaks()
    {
        // "malaria" and an unclosed quote: the fallback searches the words, so rows 1, 9 and 30 are still found.
        var page = await (await SearchAsync(Q("malaria \""))).ReadJsonObjectAsync();

        Assert.Equal(3, (int)page["total"]!);
    }

    [Fact]
    public async Task A_very_long_query_is_a_400_naming_q()
    {
        var response = await SearchAsync(Q(string.Join(' ', Enumerable.Repeat("malaria", 2_000))));

        Assert.Equal(["q"], await response.ReadErrorFieldsAsync());
    }

    [Theory]
    [InlineData("page=-1", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=100000", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("pageSize=1e3", "pageSize")]
    [InlineData("facetLimit=100000", "facetLimit")]
    [InlineData("year=-2020", "year")]
    [InlineData("year=20200", "year")]
    [InlineData("currency=%E2%82%AC", "currency")]
    [InlineData("country=G", "country")]
    [InlineData("hrcs=999", "hrcs")]
    [InlineData("amountBand=%27%20OR%201%3D1", "amountBand")]
    [InlineData("sort=relevance%00", "sort")]
    [InlineData("live=yes", "live")]
    public async Task Invalid_numbers_and_facet_values_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await SearchAsync(query);

        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task An_overlong_funder_name_is_a_400_and_an_unknown_one_finds_nothing()
    {
        Assert.Equal(["funder"], await (await SearchAsync("funder=" + new string('x', 301))).ReadErrorFieldsAsync());

        var page = await (await SearchAsync("funder=" + Uri.EscapeDataString("Nobody's \"Trust\" *"))).ReadJsonObjectAsync();
        Assert.Equal(0, (int)page["total"]!);
    }

    [Fact]
    public async Task Too_many_values_of_one_facet_are_a_400()
    {
        var query = string.Join('&', Enumerable.Range(0, 60).Select(i => $"funder=Funder{i}"));

        Assert.Equal(["funder"], await (await SearchAsync(query)).ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Several_problems_are_all_named_in_one_answer()
    {
        var fields = await (await SearchAsync("page=-1&pageSize=100000&year=abc")).ReadErrorFieldsAsync();

        Assert.Equal(["page", "pageSize", "year"], fields.Order());
    }
}
