using System.Net;
using AngleSharp.Html.Parser;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static HealthAccord.Tests.Grants.GrantSearchFactory;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>The /grants page's download links: one per format, each carrying the search the page ran.</summary>
public sealed class GrantExportPageTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AngleSharp.Dom.IDocument> OpenAsync(string path)
    {
        var response = await _client.GetAsync(path, Ct);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Ct), Ct);
    }

    [Fact]
    public async Task The_page_offers_each_format_for_the_search_it_shows_and_leaves_out_what_it_set_aside()
    {
        var page = await OpenAsync($"/grants?q=malaria&funder={Uri.EscapeDataString(Wellcome)}&year=last&sort=amount&page=1");

        var paragraph = page.QuerySelector("p.grant-exports")!;
        Assert.StartsWith("Download all 2 grants:", paragraph.TextContent.Trim(), StringComparison.Ordinal);
        var links = paragraph.QuerySelectorAll("a").ToList();
        Assert.Equal(["CSV", "Excel (XLSX)", "JSON", "360Giving JSON"], links.Select(a => a.TextContent.Trim()));
        Assert.All(links, a => Assert.True(a.HasAttribute("download")));
        foreach (var (link, format) in links.Zip(["csv", "xlsx", "json", "360giving"]))
        {
            var href = link.GetAttribute("href")!;
            Assert.StartsWith("/api/v1/grants/export?", href, StringComparison.Ordinal);
            var query = QueryHelpers.ParseQuery(new Uri("http://localhost" + href).Query);
            Assert.Equal(format, query["format"].ToString());
            Assert.Equal("malaria", query["q"].ToString());
            Assert.Equal(Wellcome, query["funder"].ToString());
            Assert.Equal("amount", query["sort"].ToString());
            // "last" was shown as a problem and left out of the search, so the export leaves it out too; paging has no meaning there.
            Assert.False(query.ContainsKey("year"));
            Assert.False(query.ContainsKey("page"));
        }

        // Following the CSV link downloads the two grants the page lists (rows 1 and 9), in its order.
        var csv = await ExportDownload.ReadCsvAsync(await _client.GetAsync(links[0].GetAttribute("href"), Ct));
        Assert.Equal(page.QuerySelectorAll(".grant-list h3 a").Select(a => a.TextContent.Trim()), csv.Select(r => r["Title"]));
    }

    [Fact]
    public async Task Without_matches_there_is_nothing_to_download()
    {
        var page = await OpenAsync("/grants?q=nonexistentword");

        Assert.Null(page.QuerySelector("p.grant-exports"));
    }
}
