using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HealthAccord.Tests.Infrastructure;
using static HealthAccord.Tests.Grants.GrantSearchFactory;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The /grants and /grants/{id} pages as HTML, over the 30 grants of <see cref="GrantSearchFactory.Rows"/>: what a
/// reader sees, and that the whole search lives in a GET form that works without JavaScript.
/// </summary>
public sealed class GrantPageTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IDocument> OpenAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
    }

    private static IElement Checkbox(IDocument page, string name, string value) =>
        page.QuerySelectorAll($"input[type=checkbox][name='{name}']").Single(i => i.GetAttribute("value") == value);

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_search_page_lists_the_newest_grants_with_a_count_facets_and_a_pager()
    {
        var page = await OpenAsync("/grants");

        Assert.Equal("Grants", Text(page.QuerySelector("h1")!));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Equal("30 grants", Text(page.QuerySelector("#results-title")!));
        var titles = page.QuerySelectorAll(".grant-list h3 a").Select(Text).ToList();
        Assert.Equal(20, titles.Count);
        Assert.Equal("Skin infections in refugee camps", titles[1]);
        Assert.NotNull(page.QuerySelector("nav.pager a[rel=next]"));
        Assert.Equal("page", page.QuerySelector("nav.site-nav a[href='/grants']")!.GetAttribute("aria-current"));

        var form = page.QuerySelector("form#grant-search")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var funder = Checkbox(page, "funder", Wellcome);
        Assert.Equal("grant-search", funder.GetAttribute("form"));
        Assert.Equal($"{Wellcome} (12)", Text(page.QuerySelector($"label[for='{funder.Id}']")!));
        Assert.Equal(["Funder", "Recipient", "Recipient's country", "Award year", "Amount in euros", "Award currency", "Partnership", "Pathogen", "Health category (HRCS)"],
            page.QuerySelectorAll("fieldset.facet > legend").Select(Text));
    }

    [Fact]
    public async Task Ticked_values_filter_the_results_and_stay_ticked()
    {
        var page = await OpenAsync($"/grants?funder={Uri.EscapeDataString(Wellcome)}&currency=GBP&sort=amount");

        Assert.Equal("10 grants match", Text(page.QuerySelector("#results-title")!));
        Assert.True(Checkbox(page, "funder", Wellcome).HasAttribute("checked"));
        Assert.False(Checkbox(page, "funder", Mrc).HasAttribute("checked"));
        Assert.True(Checkbox(page, "currency", "GBP").HasAttribute("checked"));
        Assert.Equal("amount", page.QuerySelector("#sort option[selected]")!.GetAttribute("value"));
        // Largest first: row 7, then row 1.
        Assert.Equal(["Stroke rehabilitation at home", "Malaria vaccine trial in Kenyan children"],
            page.QuerySelectorAll(".grant-list h3 a").Take(2).Select(Text));
    }

    [Fact]
    public async Task Without_a_chosen_order_the_form_sends_none_so_words_typed_later_rank_by_match()
    {
        var start = await OpenAsync("/grants");
        Assert.Equal("", start.QuerySelector("#sort option[selected]")!.GetAttribute("value"));

        // What submitting that form with a word sends: an empty sort, which ranks by match.
        var typed = await OpenAsync("/grants?q=malaria&sort=");
        Assert.Equal("", typed.QuerySelector("#sort option[selected]")!.GetAttribute("value"));
        Assert.Equal("Showing 1–3, best match.", Text(typed.QuerySelector(".results-range")!));
        Assert.Empty(typed.QuerySelectorAll("[role=alert]"));
    }

    [Fact]
    public async Task A_result_shows_amounts_in_both_currencies_the_funder_lead_dates_and_a_live_badge()
    {
        var page = await OpenAsync("/grants?q=dengue");

        var card = page.QuerySelector(".grant-card")!;
        Assert.Equal("Dengue vector control trial Live", Text(card.QuerySelector("h3")!));
        var facts = card.QuerySelectorAll(".grant-facts > div").ToDictionary(d => Text(d.QuerySelector("dt")!), d => Text(d.QuerySelector("dd")!));
        Assert.Equal("USD 2,000,000 (EUR 1,850,000)", facts["Amount"]);
        Assert.Equal(Wellcome, facts["Funder"]);
        Assert.Equal(Pasteur, facts["Lead recipient"]);
        Assert.Equal("8 August 2024", facts["Awarded"]);
        Assert.Equal("1 October 2024 to 30 September 2027", facts["Runs"]);
        Assert.Equal("dengue", card.QuerySelector(".snippet mark")!.TextContent);
    }

    [Fact]
    public async Task A_grant_titled_with_a_script_tag_is_shown_as_text_and_never_runs()
    {
        var page = await OpenAsync("/grants?q=malaria&sort=date");

        var card = page.QuerySelectorAll(".grant-card").Single(c => c.QuerySelector("h3 a")!.TextContent == ScriptTitle);
        Assert.Empty(card.QuerySelectorAll("script"));
        Assert.Empty(card.QuerySelectorAll("b"));
        var snippet = card.QuerySelector(".snippet")!;
        Assert.Equal(ScriptDescription, snippet.TextContent);
        Assert.Equal(["mark"], snippet.Children.Select(c => c.LocalName));
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task Values_the_search_cannot_use_are_named_and_left_out()
    {
        var page = await OpenAsync("/grants?year=abc&sort=cheapest&live=true");

        var alert = Text(page.QuerySelector("[role=alert]")!);
        Assert.Contains("year: 'abc' is not a year", alert, StringComparison.Ordinal);
        Assert.Contains("sort: 'cheapest' is not one of", alert, StringComparison.Ordinal);
        // The usable part still applies: the 15 live grants.
        Assert.Equal("15 grants match", Text(page.QuerySelector("#results-title")!));
        Assert.Equal(15, page.QuerySelectorAll(".badge-live").Length);
    }

    [Fact]
    public async Task A_search_without_matches_says_so_and_offers_a_fresh_start()
    {
        var page = await OpenAsync("/grants?q=xylophone");

        Assert.Equal("No matching grants", Text(page.QuerySelector("#results-title")!));
        Assert.NotNull(page.QuerySelector("p.empty a[href='/grants']"));
        Assert.Empty(page.QuerySelectorAll(".grant-list"));
    }

    [Fact]
    public async Task The_grant_page_shows_the_whole_record_with_links_and_schema_org_data()
    {
        var page = await OpenAsync($"/grants/{factory.Ids[1]}");

        Assert.Equal("Malaria vaccine trial in Kenyan children", Text(page.QuerySelector("h1")!));
        Assert.Single(page.QuerySelectorAll("h1"));
        var rows = page.QuerySelector("#participants-caption")!.ParentElement!.QuerySelectorAll("tbody tr")
            .Select(r => (Text(r.QuerySelector("th a")!), Text(r.QuerySelectorAll("td")[0]))).ToList();
        Assert.Equal([(Wellcome, "Funder"), (Kemri, "Lead recipient"), (Oxford, "Participant")], rows);
        Assert.All(page.QuerySelectorAll("table th a"), a => Assert.StartsWith("/organisations/", a.GetAttribute("href"), StringComparison.Ordinal));
        var euros = Text(page.QuerySelectorAll(".facts > div").Single(d => Text(d.QuerySelector("dt")!) == "In euros").QuerySelector("dd")!);
        Assert.Equal("EUR 1,400,000 at 0.857143 GBP per euro, the ECB rate of 1 March 2024", euros);
        Assert.Contains("Infection", page.QuerySelectorAll(".tags a").Select(Text));
        Assert.NotNull(page.QuerySelector("a[href='/partnerships/edctp']"));
        Assert.NotNull(page.QuerySelector($"a[href='/api/v1/grants/{factory.Ids[1]}']"));

        var jsonLd = JsonNode.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent)!;
        Assert.Equal("MonetaryGrant", (string)jsonLd["@type"]!);
        Assert.Equal("TEST-01", (string)jsonLd["identifier"]!);
        Assert.Equal("GBP", (string)jsonLd["amount"]!["currency"]!);
        Assert.Equal(1_200_000m, (decimal)jsonLd["amount"]!["value"]!);
        Assert.Equal(Wellcome, (string)jsonLd["funder"]![0]!["name"]!);
        Assert.Equal([Kemri, Oxford], jsonLd["fundedItem"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [Fact]
    public async Task The_page_of_the_script_grant_escapes_its_title_everywhere()
    {
        var response = await _client.GetAsync($"/grants/{factory.Ids[30]}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = await new HtmlParser().ParseDocumentAsync(html, Ct);

        Assert.Equal(ScriptTitle, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(ScriptTitle + " · HealthAccord", page.Title);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var jsonLd = JsonNode.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent)!;
        Assert.Equal(ScriptTitle, (string)jsonLd["name"]!);
    }

    [Fact]
    public async Task An_unknown_grant_page_is_not_found()
    {
        var response = await _client.GetAsync("/grants/987654321", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
