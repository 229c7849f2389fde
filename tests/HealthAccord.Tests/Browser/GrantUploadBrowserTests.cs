using System.Text.RegularExpressions;
using HealthAccord.Tests.Grants;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>An editor uploads a grant file in a real browser and follows the import to its result page.</summary>
public sealed class GrantUploadBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_upload_goes_from_the_form_to_a_result_page_that_refreshes_itself_until_the_counts_show()
    {
        await EditorSession.SignInAsync(Browser, Page);
        await OpenAsync("/grants/import");

        await Page.GetByLabel("Format", new() { Exact = true }).SelectOptionAsync("360giving-json");
        await Page.GetByLabel("Grant file").SetInputFilesAsync(GrantFiles.Wolfson);
        await Page.GetByLabel("Date format (optional)").FillAsync("dd/MM/yyyy");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/grants/import/[0-9a-f]{32}$"));
        await Expect(Page.Locator("#import-state")).ToHaveTextAsync("Imported.", new() { Timeout = 120_000 });
        var rowsRead = Page.Locator("table.import-counts tr", new() { HasText = "Rows read" }).Locator("td");
        await Expect(rowsRead).ToHaveTextAsync("379");
        var counts = new List<int>();
        foreach (var heading in new[] { "Grants created", "Grants updated", "Grants unchanged" })
            counts.Add(int.Parse(await Page.Locator("table.import-counts tr", new() { HasText = heading }).Locator("td").InnerTextAsync()));
        // The browser tests share one app, so another test may have imported the file before: every grant is counted once.
        Assert.Equal(379, counts.Sum());
        await Expect(Page.Locator("meta[http-equiv=refresh]")).ToHaveCountAsync(0);
    }
}
