using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using static HealthAccord.Tests.Grants.GrantSearchFactory;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// GET /api/v1/grants over the 30 grants of <see cref="GrantSearchFactory.Rows"/>. Every expected number below was
/// counted by hand from that table; the row numbers in the comments say which grants make it up.
/// </summary>
public sealed class GrantSearchApiTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonObject> SearchAsync(string query) =>
        await (await _client.GetAsync("/api/v1/grants" + query, Ct)).ReadJsonObjectAsync();

    private List<int> Rows(JsonObject page) =>
        page["items"]!.AsArray().Select(i => factory.RowOf((long)i!["id"]!)).ToList();

    private static Dictionary<string, int> Facet(JsonObject page, string facet) =>
        page["facets"]![facet]!.AsArray().ToDictionary(v => (string)v!["value"]!, v => (int)v!["count"]!);

    [Fact]
    public async Task Without_a_query_every_grant_is_found_newest_award_first()
    {
        var page = await SearchAsync("?pageSize=5");

        Assert.Equal(30, (int)page["total"]!);
        // Awarded 2026-06-06, 2026-03-03, 2026-02-02, 2025-11-11, 2025-09-09.
        Assert.Equal([30, 22, 10, 21, 28], Rows(page));
    }

    [Fact]
    public async Task Words_are_stemmed_so_vaccines_finds_vaccine_and_vaccines()
    {
        var page = await SearchAsync("?q=vaccines");

        // "Malaria vaccine trial…" (1), "Vaccine hesitancy…" (13), "Tuberculosis vaccines…" (16), "Vaccines against…" (24).
        Assert.Equal(4, (int)page["total"]!);
        Assert.Equal([1, 13, 16, 24], Rows(page).Order());
    }

    [Fact]
    public async Task Every_word_must_match_and_organisation_names_are_searched()
    {
        // Row 30 mentions malaria in its description only.
        Assert.Equal([1, 9, 30], Rows(await SearchAsync("?q=malaria")).Order());
        Assert.Equal([1], Rows(await SearchAsync("?q=malaria+children")));
        // Grants with Institut Pasteur as a recipient: 9, 11, 14, 23–30.
        Assert.Equal(11, (int)(await SearchAsync("?q=pasteur"))["total"]!);
    }

    [Fact]
    public async Task Facet_counts_cover_every_matching_grant_not_just_the_page()
    {
        var page = await SearchAsync("?pageSize=1");

        Assert.Single(page["items"]!.AsArray());
        Assert.Equal(new Dictionary<string, int> { [Wellcome] = 12, [Mrc] = 10, [Anr] = 8 }, Facet(page, "funder"));
        Assert.Equal(new Dictionary<string, int> { [Oxford] = 14, [Pasteur] = 11, [Makerere] = 7, [Kemri] = 5 }, Facet(page, "recipient"));
        Assert.Equal(new Dictionary<string, int> { ["GB"] = 14, ["FR"] = 11, ["UG"] = 7, ["KE"] = 5 }, Facet(page, "country"));
        Assert.Equal(new Dictionary<string, int> { ["2020"] = 4, ["2021"] = 4, ["2022"] = 4, ["2023"] = 5, ["2024"] = 5, ["2025"] = 5, ["2026"] = 3 },
            Facet(page, "year"));
        Assert.Equal(new Dictionary<string, int> { ["GBP"] = 20, ["EUR"] = 8, ["USD"] = 2 }, Facet(page, "currency"));
        Assert.Equal(new Dictionary<string, int>
        {
            ["under-50k"] = 5,
            ["50k-250k"] = 8,
            ["250k-1m"] = 8,
            ["1m-5m"] = 5,
            ["5m-plus"] = 3,
            ["unknown"] = 1,
        }, Facet(page, "amountBand"));
        Assert.Equal(new Dictionary<string, int> { ["glopid-r"] = 5, ["edctp"] = 4 }, Facet(page, "partnership"));
        Assert.Equal(8, Facet(page, "pathogen").Count);
        Assert.Equal(2, Facet(page, "pathogen")["malaria"]);
        var zika = page["facets"]!["pathogen"]!.AsArray().Single(v => (string)v!["value"]! == "zika")!;
        Assert.Equal("Zika virus disease", (string)zika["label"]!);
        Assert.Equal(12, Facet(page, "hrcs")["018"]);
        Assert.Equal(3, Facet(page, "hrcs")["004"]);
    }

    [Fact]
    public async Task Facet_values_come_most_frequent_first_with_labels_and_at_most_facetLimit_of_them()
    {
        var page = await SearchAsync("?facetLimit=3");

        var hrcs = page["facets"]!["hrcs"]!.AsArray();
        Assert.Equal(3, hrcs.Count);
        Assert.Equal(["018", "004", "014"], hrcs.Select(v => (string)v!["value"]!));
        Assert.Equal(["Infection", "Neurological", "Cardiovascular"], hrcs.Select(v => (string)v!["label"]!));
        var country = page["facets"]!["country"]!.AsArray();
        Assert.Equal("United Kingdom", (string)country[0]!["label"]!);
        var partnership = page["facets"]!["partnership"]!.AsArray();
        Assert.Equal("GloPID-R", (string)partnership[0]!["label"]!);
        Assert.Equal("€1 million to €5 million", (string)page["facets"]!["amountBand"]!.AsArray().Single(v => (string)v!["value"]! == "1m-5m")!["label"]!);

        var none = await SearchAsync("?facetLimit=0");
        Assert.Empty(none["facets"]!["funder"]!.AsArray());
        Assert.Equal(30, (int)none["total"]!);
    }

    [Fact]
    public async Task Values_of_one_facet_are_alternatives_and_different_facets_must_all_hold()
    {
        Assert.Equal(22, (int)(await SearchAsync($"?funder={Uri.EscapeDataString(Wellcome)}&funder={Uri.EscapeDataString(Mrc)}"))["total"]!);

        var both = await SearchAsync($"?funder={Uri.EscapeDataString(Wellcome)}&currency=GBP");
        Assert.Equal(Enumerable.Range(1, 10), Rows(both).Order());

        // Recipients in France with HRCS Infection: 9, 11, 14, 23, 24, 25, 29.
        Assert.Equal([9, 11, 14, 23, 24, 25, 29], Rows(await SearchAsync("?country=fr&hrcs=018")).Order());

        // Band boundaries: 50,000 is in 50k–250k (19); 49,999.99 below it (20).
        Assert.Equal([6, 10, 20, 28, 30], Rows(await SearchAsync("?amountBand=under-50k")).Order());
        Assert.Equal([16, 21, 24], Rows(await SearchAsync("?amountBand=5m-plus")).Order());
        Assert.Equal([12], Rows(await SearchAsync("?amountBand=unknown")));
        Assert.Equal([1, 2, 9, 16], Rows(await SearchAsync("?partnership=edctp")).Order());
        Assert.Equal([2, 16], Rows(await SearchAsync("?pathogen=tuberculosis&year=2023&year=2024")).Order());
    }

    [Theory]
    [InlineData("")]
    // Every grant but row 30 says "Research on …", so words that all of rows 1–29 contain change nothing.
    [InlineData("&q=research")]
    public async Task A_facet_with_values_ticked_is_counted_as_if_it_were_not_so_its_other_values_stay_choosable(string words)
    {
        var page = await SearchAsync($"?funder={Uri.EscapeDataString(Wellcome)}&currency=GBP{words}");

        // Funders counted under currency=GBP only: Wellcome's rows 1–10, the MRC's 13–22; the ANR pays in euros.
        Assert.Equal(new Dictionary<string, int> { [Wellcome] = 10, [Mrc] = 10 }, Facet(page, "funder"));
        Assert.True((bool)page["facets"]!["funder"]!.AsArray().Single(v => (string)v!["value"]! == Wellcome)!["selected"]!);
        // Currencies counted under funder=Wellcome only: rows 1–10 in GBP, 11–12 in USD.
        Assert.Equal(new Dictionary<string, int> { ["GBP"] = 10, ["USD"] = 2 }, Facet(page, "currency"));
        // Every other facet counts exactly the ten matches (rows 1–10).
        Assert.Equal(new Dictionary<string, int> { ["2020"] = 1, ["2021"] = 1, ["2022"] = 2, ["2023"] = 2, ["2024"] = 1, ["2025"] = 2, ["2026"] = 1 },
            Facet(page, "year"));
    }

    [Fact]
    public async Task A_selected_value_with_no_matches_is_still_listed_as_selected()
    {
        var page = await SearchAsync("?q=malaria&pathogen=zika");

        Assert.Equal(0, (int)page["total"]!);
        var zika = page["facets"]!["pathogen"]!.AsArray().Single(v => (string)v!["value"]! == "zika")!;
        Assert.True((bool)zika["selected"]!);
        Assert.Equal(0, (int)zika["count"]!);
    }

    [Fact]
    public async Task Live_keeps_grants_whose_planned_dates_include_today_by_the_apps_clock()
    {
        var page = await SearchAsync("?live=true&pageSize=100");

        // Row 5 ends today and counts; row 7 starts tomorrow and row 28 ended yesterday, so they do not;
        // row 10 has no planned dates.
        Assert.Equal([1, 3, 4, 5, 9, 11, 15, 16, 17, 20, 21, 22, 25, 27, 30], Rows(page).Order());
        Assert.All(page["items"]!.AsArray(), item => Assert.True((bool)item!["live"]!));

        var mrcLive = await SearchAsync($"?live=true&funder={Uri.EscapeDataString(Mrc)}");
        Assert.Equal([15, 16, 17, 20, 21, 22], Rows(mrcLive).Order());
    }

    [Fact]
    public async Task Amount_sorts_by_the_euro_amount_with_unknown_amounts_last_both_ways()
    {
        var largest = Rows(await SearchAsync("?sort=amount&pageSize=100"));
        Assert.Equal([21, 16, 24, 7, 11], largest[..5]);
        Assert.Equal(12, largest[^1]);

        var smallest = Rows(await SearchAsync("?sort=amount-asc&pageSize=100"));
        Assert.Equal([30, 6, 10, 28, 20, 19], smallest[..6]);
        Assert.Equal(12, smallest[^1]);
    }

    [Fact]
    public async Task Date_sorts_by_award_date_either_way()
    {
        Assert.Equal([14, 29, 24, 8], Rows(await SearchAsync("?sort=date-asc&pageSize=4")));
        Assert.Equal([30, 22, 10, 21], Rows(await SearchAsync("?sort=date&pageSize=4")));
        // With words, relevance is the default; sort=date overrides it.
        Assert.Equal([9, 1, 30], Rows(await SearchAsync("?q=malaria&sort=date-asc")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=amount")]
    [InlineData("&q=research")]
    public async Task Paging_visits_every_result_exactly_once(string query)
    {
        var first = await SearchAsync($"?pageSize=7{query}");
        var total = (int)first["total"]!;
        var seen = new List<long>();
        var next = "/api/v1/grants" + $"?pageSize=7{query}";
        var pages = 0;
        while (next is not null)
        {
            var page = await (await _client.GetAsync(next, Ct)).ReadJsonObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => (long)i!["id"]!));
            next = (string?)page["links"]!["next"];
            pages++;
        }

        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal((int)Math.Ceiling(total / 7.0), pages);
        Assert.True(total >= 29, $"Expected the whole table (or all but the script row for 'research'), got {total}.");
    }

    [Fact]
    public async Task A_page_past_the_last_is_empty_but_still_counts_every_match()
    {
        var page = await SearchAsync("?page=11&pageSize=100");

        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(30, (int)page["total"]!);
        Assert.Null(page["links"]!["next"]);
    }

    [Fact]
    public async Task Each_result_carries_amounts_dates_organisations_and_its_address()
    {
        var item = (await SearchAsync("?q=dengue"))["items"]!.AsArray().Single()!;

        Assert.Equal("TEST-11", (string)item["identifier"]!);
        Assert.Equal(2_000_000m, (decimal)item["amountAwarded"]!);
        Assert.Equal("USD", (string)item["currency"]!);
        Assert.Equal(1_850_000m, (decimal)item["amountEur"]!);
        Assert.Equal("2024-08-08", (string)item["awardDate"]!);
        Assert.Equal("2024-10-01", (string)item["plannedStart"]!);
        Assert.Equal("2027-09-30", (string)item["plannedEnd"]!);
        Assert.Equal(Wellcome, (string)item["funders"]![0]!["name"]!);
        Assert.Equal(Pasteur, (string)item["recipients"]![0]!["name"]!);
        Assert.Equal("lead", (string)item["recipients"]![0]!["role"]!);
        Assert.StartsWith("/organisations/", (string)item["recipients"]![0]!["url"]!, StringComparison.Ordinal);
        Assert.Equal(["FR"], item["countries"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["dengue"], item["pathogens"]!.AsArray().Select(c => (string)c!));
        Assert.Equal($"/grants/{factory.Ids[11]}", (string)item["url"]!);
        Assert.Equal("Research on <mark>dengue</mark> vector control trial.", (string)item["snippet"]!);
    }

    [Fact]
    public async Task Snippets_escape_the_grants_text_and_mark_only_the_matched_words()
    {
        var page = await SearchAsync("?q=malaria&sort=date");
        var item = page["items"]!.AsArray().First(i => factory.RowOf((long)i!["id"]!) == 30)!;

        Assert.Equal(ScriptTitle, (string)item["title"]!);
        var snippet = (string)item["snippet"]!;
        Assert.Equal("A &lt;b&gt;test&lt;&#x2F;b&gt; of escaping &amp; <mark>malaria</mark> &lt;script&gt;alert(2)&lt;&#x2F;script&gt; in descriptions.", snippet);
    }

    [Theory]
    [InlineData("malaria AND")]
    [InlineData("\"unclosed phrase")]
    [InlineData("title:(malaria")]
    [InlineData("*aria")]
    [InlineData("malaria)")]
    [InlineData("[2020 TO")]
    public async Task Text_the_query_syntax_cannot_read_is_searched_as_plain_words(string q)
    {
        var page = await SearchAsync("?q=" + Uri.EscapeDataString(q));

        Assert.NotNull(page["total"]);
    }

    [Fact]
    public async Task Query_syntax_works_where_it_parses()
    {
        Assert.Equal([1, 9], Rows(await SearchAsync("?q=" + Uri.EscapeDataString("\"malaria transmission\" OR \"malaria vaccine\""))).Order());
        Assert.Equal([13, 16, 24], Rows(await SearchAsync("?q=" + Uri.EscapeDataString("vaccines -malaria"))).Order());
        Assert.Equal([2], Rows(await SearchAsync("?q=TEST-02")));
    }

    [Theory]
    [InlineData("?sort=cheapest", "sort")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=501&pageSize=20", "page")]
    [InlineData("?year=abc", "year")]
    [InlineData("?country=France", "country")]
    [InlineData("?amountBand=huge", "amountBand")]
    [InlineData("?hrcs=18", "hrcs")]
    [InlineData("?facetLimit=-1", "facetLimit")]
    [InlineData("?live=perhaps", "live")]
    [InlineData("?page=abc", "page")]
    public async Task Invalid_parameters_are_refused_with_a_problem_naming_the_field(string query, string field)
    {
        var response = await _client.GetAsync("/api/v1/grants" + query, Ct);

        Assert.Equal([field], await response.ReadErrorFieldsAsync());
    }

    [Fact]
    public async Task Links_lead_to_the_neighbouring_pages_with_the_same_search()
    {
        var page = await SearchAsync("?q=research&pageSize=10&page=2&funder=" + Uri.EscapeDataString(Wellcome));

        // Rows 1–12 all say "Research on …".
        Assert.Equal(12, (int)page["total"]!);
        Assert.Contains("page=2", (string)page["links"]!["self"]!, StringComparison.Ordinal);
        Assert.Null(page["links"]!["next"]);
        var prev = (string)page["links"]!["prev"]!;
        Assert.Contains("page=1", prev, StringComparison.Ordinal);
        Assert.Contains("funder=Wellcome", prev, StringComparison.Ordinal);
        Assert.Equal(10, (await (await _client.GetAsync(prev, Ct)).ReadJsonObjectAsync())["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_grant_reads_with_participants_euro_conversion_categories_and_source()
    {
        var grant = await (await _client.GetAsync($"/api/v1/grants/{factory.Ids[1]}", Ct)).ReadJsonObjectAsync();

        Assert.Equal("Malaria vaccine trial in Kenyan children", (string)grant["title"]!);
        Assert.Equal("TEST-01", (string)grant["identifier"]!);
        Assert.Equal(1_200_000m, (decimal)grant["amountAwarded"]!);
        Assert.Equal("GBP", (string)grant["currency"]!);
        Assert.Equal(1_400_000m, (decimal)grant["amountEur"]!);
        Assert.Equal(Math.Round(1_200_000m / 1_400_000m, 6), (decimal)grant["eurRate"]!);
        Assert.Equal("2024-03-01", (string)grant["eurRateDate"]!);
        Assert.True((bool)grant["live"]!);
        var participants = grant["participants"]!.AsArray();
        Assert.Equal([(Wellcome, "funder"), (Kemri, "lead"), (Oxford, "participant")],
            participants.Select(p => ((string)p!["name"]!, (string)p!["role"]!)));
        Assert.All(participants, p => Assert.Equal($"/organisations/{(int)p!["organisationId"]!}", (string)p!["url"]!));
        Assert.Equal([("GB", "United Kingdom"), ("KE", "Kenya")], grant["countries"]!.AsArray().Select(c => ((string)c!["code"]!, (string)c!["name"]!)));
        Assert.Equal("malaria", (string)grant["pathogens"]![0]!["pathogen"]!);
        Assert.Equal("Malaria", (string)grant["pathogens"]![0]!["name"]!);
        Assert.Equal("title or description mentions malaria", (string)grant["pathogens"]![0]!["rule"]!);
        Assert.Equal(("018", "Infection"), ((string)grant["categories"]![0]!["code"]!, (string)grant["categories"]![0]!["label"]!));
        Assert.Equal(("edctp", "/partnerships/edctp"), ((string)grant["partnerships"]![0]!["slug"]!, (string)grant["partnerships"]![0]!["url"]!));
        Assert.Equal("test-grants.json", (string)grant["source"]!["dataset"]!);
    }

    [Fact]
    public async Task An_unknown_grant_is_a_404_problem()
    {
        var response = await _client.GetAsync("/api/v1/grants/987654321", Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("987654321", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}
