using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Agreements;

/// <summary>
/// Reads of the 22 seeded agreements (src/HealthAccord.Web/Data/Seed/agreements.csv). This class owns its database
/// and never writes to it.
/// </summary>
public sealed class AgreementListTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<JsonObject> ListAsync(string query) => _client.GetJsonAsync("/api/v1/agreements?pageSize=200&" + query);

    [Fact]
    public async Task The_EU_US_science_and_technology_agreement_has_its_dates_status_and_both_parties()
    {
        var summary = (await ListAsync("q=United%20States%20of%20America")).Items().Single()!;
        Assert.Equal("1997-12-05", (string)summary["signed"]!);

        var agreement = await _client.GetJsonAsync($"/api/v1/agreements/{(int)summary["id"]!}");

        Assert.Contains("United States of America", (string)agreement["title"]!, StringComparison.Ordinal);
        Assert.Equal("scienceAndTechnologyCooperation", (string)agreement["kind"]!);
        Assert.Equal("1997-12-05", (string)agreement["signed"]!);
        Assert.Equal("1998-10-14", (string)agreement["enteredIntoForce"]!);
        Assert.Equal("inForce", (string)agreement["status"]!);
        var parties = agreement["parties"]!.AsArray();
        Assert.Equal(["EU", "US"], parties.Strings("countryCode").Order(StringComparer.Ordinal));
        Assert.Equal("United States", (string)parties.Single(p => (string)p!["countryCode"]! == "US")!["countryName"]!);
        Assert.Equal("European Union", (string)parties.Single(p => (string)p!["countryCode"]! == "EU")!["countryName"]!);
        Assert.Contains("glopid-r", agreement["partnerships"]!.AsArray().Strings("slug"));
        Assert.NotEmpty(agreement["sources"]!.AsArray());
        Assert.StartsWith("https://eur-lex.europa.eu/", (string)agreement["documents"]![0]!["url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_holds_22_agreements_the_most_recently_signed_first_and_undated_last()
    {
        var page = await ListAsync("");
        var signed = page.Items().Strings("signed").ToList();

        Assert.Equal(22, (int)page["total"]!);
        var dated = signed.TakeWhile(s => s is not null).ToList();
        Assert.All(signed.Skip(dated.Count), s => Assert.Null(s));
        Assert.Equal(dated.OrderDescending(StringComparer.Ordinal), dated);
        Assert.Equal("2021-11-19", dated[0]);
    }

    [Theory]
    [InlineData("kind=legalAct", 3, "kind", "legalAct")]
    [InlineData("kind=scienceAndTechnologyCooperation", 7, "kind", "scienceAndTechnologyCooperation")]
    [InlineData("status=expired", 5, "status", "expired")]
    [InlineData("status=underNegotiation", 1, "status", "underNegotiation")]
    [InlineData("partnership=edctp&kind=legalAct", 3, "kind", "legalAct")]
    public async Task Kind_and_status_filters_return_only_agreements_of_that_kind_or_status(string query, int expected, string field, string value)
    {
        var items = (await ListAsync(query)).Items();

        Assert.Equal(expected, items.Count);
        Assert.All(items, a => Assert.Equal(value, (string)a![field]!));
    }

    [Theory]
    [InlineData("edctp", 5)]
    [InlineData("EDCTP", 5)]
    [InlineData("ihmc", 5)]
    [InlineData("no-such-partnership", 0)]
    public async Task The_partnership_filter_returns_the_agreements_linked_to_it(string slug, int expected)
    {
        var items = (await ListAsync("partnership=" + slug)).Items();

        Assert.Equal(expected, items.Count);
        Assert.All(items, a => Assert.Contains(slug.ToLowerInvariant(), a!["partnerships"]!.AsArray().Select(p => (string)p!)));
    }

    [Theory]
    [InlineData("country=JP", "Government of Japan")]
    [InlineData("country=za", "Republic of South Africa")]
    [InlineData("country=IN", "Government of the Republic of India")]
    public async Task The_country_filter_returns_agreements_with_a_party_from_that_country(string query, string party)
    {
        var items = (await ListAsync(query)).Items();

        Assert.Contains(party, items.Single()!["parties"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task The_country_filter_also_finds_parties_that_are_organisations_of_that_country()
    {
        // The NIH–European Commission letter of intent has the NIH (an organisation in the US) as a party.
        var titles = (await ListAsync("country=US")).Items().Strings("title").ToList();

        Assert.Contains(titles, t => t!.Contains("United States of America", StringComparison.Ordinal));
        Assert.Contains(titles, t => t!.StartsWith("Letter of intent between NIH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csv_download_has_one_row_per_match()
    {
        var total = (int)(await _client.GetJsonAsync("/api/v1/agreements?status=inForce&pageSize=5"))["total"]!;

        using var reader = new StringReader(await _client.GetStringAsync("/api/v1/agreements?status=inForce&format=csv", Ct));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();

        Assert.Equal(total, rows.Count);
        Assert.All(rows, r => Assert.Equal("inForce", r["Status"]));
        Assert.Contains(rows, r => (string)r["Parties"] == "European Community (now EU); Government of the United States of America");
    }

    [Theory]
    [InlineData("kind=treaty", "kind")]
    [InlineData("status=signed", "status")]
    public async Task An_unknown_kind_or_status_is_a_400_naming_it(string query, string field)
    {
        var fields = await (await _client.GetAsync("/api/v1/agreements?" + query, Ct)).ReadErrorFieldsAsync();
        Assert.Equal([field], fields);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        await (await _client.GetAsync("/api/v1/agreements/987654", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
