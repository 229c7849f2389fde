using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsvHelper;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Countries;

/// <summary>
/// The country reference data (ISO 3166-1 with World Bank income groups, and EU for the European Union) with the
/// registry's counts. This class owns its database and never writes to it.
/// </summary>
public sealed class CountryTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fr")]
    [InlineData("FR")]
    [InlineData("Fr")]
    public async Task France_is_a_high_income_EU_member_state_in_any_letter_case(string code)
    {
        var france = await _client.GetJsonAsync($"/api/v1/countries/{code}");

        Assert.Equal("FR", (string)france["code"]!);
        Assert.Equal("FRA", (string)france["alpha3"]!);
        Assert.Equal("France", (string)france["name"]!);
        Assert.Equal("High income", (string)france["incomeGroup"]!);
        Assert.True((bool)france["isEuMemberState"]!);
        Assert.False((bool)france["isSupranational"]!);
        Assert.Equal("EUR", (string)france["currencyCode"]!);
        Assert.Contains("Inserm", france["organisations"]!.AsArray().Strings("acronym"));
        Assert.Contains("glopid-r", france["memberships"]!.AsArray().Strings("partnershipSlug"));
    }

    [Fact]
    public async Task The_European_Union_is_supranational_and_not_a_member_state_of_itself()
    {
        var eu = await _client.GetJsonAsync("/api/v1/countries/eu");

        Assert.Equal("EU", (string)eu["code"]!);
        Assert.Equal("European Union", (string)eu["name"]!);
        Assert.True((bool)eu["isSupranational"]!);
        Assert.False((bool)eu["isEuMemberState"]!);
        Assert.Contains("European Commission", eu["organisations"]!.AsArray().Strings("name"));
        Assert.Contains(eu["agreements"]!.AsArray(), a => ((string)a!["title"]!).Contains("United States of America", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_low_income_country_carries_its_World_Bank_group()
    {
        var country = await _client.GetJsonAsync("/api/v1/countries/ne");
        Assert.Equal(("Niger", "Low income", false), ((string)country["name"]!, (string)country["incomeGroup"]!, (bool)country["isEuMemberState"]!));
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("ZZ")]
    [InlineData("fra")]
    [InlineData("f")]
    public async Task An_unknown_code_is_a_404_problem_naming_it(string code)
    {
        var problem = await (await _client.GetAsync($"/api/v1/countries/{code}", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains(code, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_active_list_holds_exactly_the_countries_with_organisations_or_seats()
    {
        var all = await _client.GetAllAsync("/api/v1/countries");
        var active = await _client.GetAllAsync("/api/v1/countries?active=true");

        static bool IsActive(JsonNode? c) => (int)c!["organisationCount"]! > 0 || (int)c["partnershipCount"]! > 0;
        Assert.NotEmpty(active);
        Assert.All(active, c => Assert.True(IsActive(c), $"{c!["code"]} has no organisation and no seat."));
        Assert.Equal(all.Where(IsActive).Select(c => (string)c!["code"]!), active.Strings("code"));
        Assert.Contains("BR", active.Strings("code"));
        Assert.DoesNotContain("AQ", active.Strings("code"));
        Assert.True(all.Count > 240, $"Only {all.Count} countries: the ISO list seems incomplete.");
    }

    [Fact]
    public async Task The_counts_in_the_list_agree_with_the_country_page()
    {
        var france = (await _client.GetAllAsync("/api/v1/countries?q=France")).Single(c => (string)c!["code"]! == "FR")!;
        var detail = await _client.GetJsonAsync("/api/v1/countries/FR");

        Assert.Equal(detail["organisations"]!.AsArray().Count, (int)france["organisationCount"]!);
        Assert.Equal(detail["memberships"]!.AsArray().Strings("partnershipSlug").Distinct().Count(), (int)france["partnershipCount"]!);
        Assert.Equal("/countries/FR", (string)france["url"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?active=true")]
    [InlineData("?incomeGroup=High%20income")]
    public async Task The_csv_download_has_one_row_per_country_of_the_list(string query)
    {
        var total = (int)(await _client.GetJsonAsync("/api/v1/countries" + query))["total"]!;
        var separator = query.Length == 0 ? "?" : "&";

        var response = await _client.GetAsync($"/api/v1/countries{query}{separator}format=csv", Ct);

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("countries.csv", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        using var reader = new StringReader(await response.Content.ReadAsStringAsync(Ct));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();
        Assert.Equal(total, rows.Count);
        if (query.Length == 0)
        {
            var france = rows.Single(r => (string)r["Code"] == "FR");
            Assert.Equal(("France", "High income", "True"), ((string)france["Name"], (string)france["IncomeGroup"], (string)france["EuMemberState"]));
        }
    }
}
