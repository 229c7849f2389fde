using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Organisations;

/// <summary>
/// Reads of the seeded organisations. This class owns its database and never writes to it, so the totals
/// below are the seed's (src/HealthAccord.Web/Data/Seed/organisations.csv and the member files) and nothing else's.
/// </summary>
public sealed class OrganisationListTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const int SeededOrganisations = 65;

    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<JsonObject> ListAsync(string query = "") => _client.GetJsonAsync("/api/v1/organisations" + query);

    private static List<string> Names(JsonObject page) => page.Items().Strings("name").Select(n => n!).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("q=European%20Commission", new[] { "European Commission" })]
    [InlineData("q=european%20commission", new[] { "European Commission" })]
    [InlineData("q=Inserm", new[] { "French National Institute of Health and Medical Research" })]
    [InlineData("q=FIOCRUZ", new[] { "Oswaldo Cruz Foundation" })]
    [InlineData("q=02vjkv261", new[] { "French National Institute of Health and Medical Research" })]
    [InlineData("q=02VJKV261", new[] { "French National Institute of Health and Medical Research" })]
    [InlineData("type=foundation", new[] { "Fondation Maladies Rares", "Fondazione Telethon", "Gates Foundation", "One Mind", "Wellcome Trust" })]
    [InlineData("country=FR", new[] { "European Organisation for Rare Diseases", "Fondation Maladies Rares", "French National Institute for Agricultural Research",
        "French National Institute of Health and Medical Research", "French National Research Agency", "Ministry of Higher Education and Research", "Orphanet" })]
    [InlineData("country=fr&type=foundation", new[] { "Fondation Maladies Rares" })]
    [InlineData("partnership=ihmc", new[] { "Canadian Institutes of Health Research", "Commonwealth Scientific and Industrial Research Organisation", "ELDERMET",
        "European Commission", "French National Institute for Agricultural Research", "Genome Canada", "Human Metagenome Consortium Japan",
        "Ministry for Health, Welfare and Family Affairs", "Ministry of Science and Technology of the People's Republic of China", "National Institutes of Health" })]
    [InlineData("partnership=IHMC&country=CA", new[] { "Canadian Institutes of Health Research", "Genome Canada" })]
    [InlineData("q=no-such-organisation-anywhere", new string[0])]
    public async Task Filters_return_exactly_the_matching_organisations(string query, string[] expected)
    {
        var page = await ListAsync("?pageSize=200&" + query);

        Assert.Equal(expected.Order(StringComparer.Ordinal), Names(page));
        Assert.Equal(expected.Length, (int)page["total"]!);
    }

    [Fact]
    public async Task Each_filter_holds_for_every_item_it_returns()
    {
        foreach (var item in (await ListAsync("?type=governmentBody&pageSize=200")).Items())
            Assert.Equal("governmentBody", (string)item!["type"]!);
        foreach (var item in (await ListAsync("?country=JP&pageSize=200")).Items())
            Assert.Equal(("JP", "Japan"), ((string)item!["countryCode"]!, (string)item["countryName"]!));
        var glopidMembers = (await ListAsync("?partnership=glopid-r&pageSize=200")).Items();
        Assert.NotEmpty(glopidMembers);
        Assert.All(glopidMembers, item => Assert.True((int)item!["partnershipCount"]! >= 1));
    }

    [Fact]
    public async Task Following_next_links_visits_every_organisation_exactly_once()
    {
        var visited = new List<int>();
        var pages = 0;
        string? next = "/api/v1/organisations?pageSize=20";
        string? previousSelf = null;
        while (next is not null)
        {
            Assert.True(++pages <= 10, "The next links do not end.");
            var page = await _client.GetJsonAsync(next);
            Assert.Equal(SeededOrganisations, (int)page["total"]!);
            Assert.Equal(pages, (int)page["pageNumber"]!);
            Assert.Equal(20, (int)page["pageSize"]!);
            var prev = (string?)page["links"]!["prev"];
            if (pages == 1) Assert.Null(prev);
            else Assert.Equal(previousSelf, prev);
            visited.AddRange(page.Items().Select(i => (int)i!["id"]!));
            previousSelf = (string)page["links"]!["self"]!;
            next = (string?)page["links"]!["next"];
        }

        Assert.Equal(4, pages);
        Assert.Equal(SeededOrganisations, visited.Count);
        Assert.Equal(visited.Count, visited.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?type=funder")]
    [InlineData("?country=US")]
    [InlineData("?partnership=glopid-r")]
    public async Task The_csv_download_has_one_row_per_match_however_many_pages_the_list_has(string query)
    {
        var page = await ListAsync(query);
        var csvUrl = (string)page["links"]!["csv"]!;

        var response = await _client.GetAsync(csvUrl, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("organisations.csv", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync(Ct));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();

        Assert.Equal((int)page["total"]!, rows.Count);
        var all = await _client.GetAllAsync("/api/v1/organisations" + query);
        Assert.Equal(all.Strings("name").Order(StringComparer.Ordinal), rows.Select(r => (string?)r["Name"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_csv_row_of_an_organisation_carries_its_type_country_ROR_id_and_partnership_count()
    {
        var csv = await _client.GetStringAsync("/api/v1/organisations?format=csv&q=Inserm", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("Id,Name,Acronym,Type,Country,RorId,Website,Partnerships", lines[0]);
        Assert.Single(lines.Skip(1));
        Assert.EndsWith(",French National Institute of Health and Medical Research,Inserm,researchOrganisation,FR,02vjkv261,https://www.inserm.fr,2",
            lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_European_Commission_page_shows_its_seats_across_partnerships()
    {
        var summary = (await ListAsync("?q=European%20Commission")).Items().Single()!;
        Assert.Equal(8, (int)summary["partnershipCount"]!);

        var commission = await _client.GetJsonAsync($"/api/v1/organisations/{(int)summary["id"]!}");

        Assert.Equal("European Commission", (string)commission["name"]!);
        Assert.Equal("EC", (string)commission["acronym"]!);
        Assert.Equal("European Union", (string)commission["countryName"]!);
        var memberships = commission["memberships"]!.AsArray();
        Assert.Equal(["gacd", "glopid-r", "hfsp", "icpermed", "ihec", "ihmc", "intbir", "irdirc"],
            memberships.Strings("partnershipSlug").Distinct().Order(StringComparer.Ordinal));
        var glopid = memberships.Single(m => (string)m!["partnershipSlug"]! == "glopid-r")!;
        Assert.Equal("GloPID-R", (string)glopid["partnershipAcronym"]!);
        Assert.Equal("Global Research Collaboration for Infectious Disease Preparedness", (string)glopid["partnershipName"]!);
        Assert.Equal("member", (string)glopid["role"]!);
        Assert.Equal("foundingMember", (string)memberships.Single(m => (string)m!["partnershipSlug"]! == "irdirc")!["role"]!);
        Assert.Contains(commission["agreements"]!.AsArray(),
            a => ((string)a!["title"]!).StartsWith("Letter of intent between NIH and the European Commission", StringComparison.Ordinal));
        Assert.NotEmpty(commission["sources"]!.AsArray());
    }

    [Fact]
    public async Task An_organisation_with_a_ROR_id_links_to_its_ROR_record()
    {
        var inserm = (await ListAsync("?q=Inserm")).Items().Single()!;
        var detail = await _client.GetJsonAsync($"/api/v1/organisations/{(int)inserm["id"]!}");

        Assert.Equal("02vjkv261", (string)detail["rorId"]!);
        Assert.Equal("https://ror.org/02vjkv261", (string)detail["rorUrl"]!);
        Assert.Equal(["glopid-r", "irdirc"], detail["memberships"]!.AsArray().Strings("partnershipSlug").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var problem = await (await _client.GetAsync("/api/v1/organisations/987654", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("987654", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("type=ministry", "type")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("format=xlsx", "format")]
    public async Task An_invalid_query_parameter_is_a_400_validation_problem_naming_it(string query, string field)
    {
        var fields = await (await _client.GetAsync("/api/v1/organisations?" + query, Ct)).ReadErrorFieldsAsync();
        Assert.Equal([field], fields);
    }
}
