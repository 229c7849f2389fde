using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// Every kind of page passes axe-core with no violations. A path ending in "/*" means "the first detail page linked from that list page", so the
/// test does not guess the ids of organisations or agreements.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/partnerships")]
    [InlineData("/partnerships/glopid-r")]
    [InlineData("/organisations")]
    [InlineData("/organisations/*")]
    [InlineData("/agreements")]
    [InlineData("/agreements/*")]
    [InlineData("/countries")]
    [InlineData("/countries/FR")]
    public async Task The_page_has_no_accessibility_violations(string path)
    {
        if (path.EndsWith("/*", StringComparison.Ordinal))
        {
            var list = path[..^2];
            await OpenAsync(list);
            var href = await Page.Locator($"a[href^='{list}/']").First.GetAttributeAsync("href");
            Assert.False(string.IsNullOrEmpty(href), $"{list} links to no detail page.");
            path = href;
        }
        await OpenAsync(path);

        await AssertNoViolationsAsync(path);
    }

    /// <summary>
    /// The history's pages as an editor sees them (with revert buttons and the audit log, which needs the editors'
    /// key), over a change made for the purpose: a record page's timeline, a change's page, the audit log unfiltered
    /// and with a filter it has to refuse.
    /// </summary>
    [Fact]
    public async Task The_history_pages_have_no_accessibility_violations()
    {
        var (slug, change) = await EditorSession.RenamePartnershipAsync(Browser, "Renamed for the accessibility test");
        await EditorSession.SignInAsync(Browser, Page);

        foreach (var path in new[] { $"/partnerships/{slug}", $"/history/changes/{change}", "/history", "/history?from=not-a-date&source=api" })
        {
            await OpenAsync(path);
            await AssertNoViolationsAsync(path);
        }
    }

    /// <summary>
    /// The partnership's forms as an administrator sees them: editing (with the delete section), the same form with
    /// every kind of field message, the conflict view after someone else saved in between, and adding; then the forms
    /// of organisations, seats and goals with their measurements.
    /// </summary>
    [Fact]
    public async Task The_edit_forms_have_no_accessibility_violations()
    {
        var (slug, _, writer) = await EditorSession.CreatePartnershipAsync(Browser);
        using var _ = writer;
        await EditorSession.SignInAsync(Browser, Page);
        var edit = $"/partnerships/{slug}/edit";

        await OpenAsync(edit);
        await AssertNoViolationsAsync(edit);

        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("");
        await Page.GetByLabel("Founded (year, optional)").FillAsync("soon");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Page.Locator(".field-error").First.WaitForAsync();
        await AssertNoViolationsAsync(edit + " with field messages");

        await OpenAsync(edit);
        var (_, etag) = await PartnershipData.GetAsync(writer, slug);
        var input = PartnershipData.ValidInput(slug);
        input["name"] = "Saved in between";
        await (await PartnershipData.PutAsync(writer, slug, input, etag)).AssertStatusAsync(System.Net.HttpStatusCode.OK);
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Page.Locator("#conflict-title").WaitForAsync();
        await AssertNoViolationsAsync(edit + " in conflict");

        await OpenAsync("/partnerships/new");
        await AssertNoViolationsAsync("/partnerships/new");

        // The other records' forms, on records made for the purpose: an organisation, a seat, a goal with a measurement.
        var sources = new JsonArray(new JsonObject { ["url"] = "https://example.org/s", ["title"] = "Source" });
        var organisation = await writer.CreateAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName()));
        var seat = await writer.CreateAsync("/api/v1/memberships", new JsonObject
        {
            ["partnership"] = slug,
            ["organisationId"] = (int)organisation["id"]!,
            ["role"] = "member",
            ["sources"] = sources.DeepClone(),
        });
        var goal = await writer.CreateAsync("/api/v1/goals", new JsonObject
        {
            ["partnership"] = slug,
            ["statement"] = "A goal",
            ["indicator"] = "Things",
            ["unit"] = "things",
            ["direction"] = "atLeast",
            ["target"] = 3,
            ["sources"] = sources.DeepClone(),
        });
        await writer.CreateAsync($"/api/v1/goals/{(int)goal["id"]!}/measurements",
            new JsonObject { ["measuredOn"] = "2024", ["value"] = 1, ["sourceUrl"] = "https://example.org/m" });
        foreach (var path in new[]
        {
            $"/organisations/{(int)organisation["id"]!}/edit", "/organisations/new", $"/memberships/{(int)seat["id"]!}/edit",
            $"/partnerships/{slug}/members/new", $"/goals/{(int)goal["id"]!}/edit", $"/partnerships/{slug}/goals/new",
        })
        {
            await OpenAsync(path);
            await AssertNoViolationsAsync(path);
        }
    }

    private async Task AssertNoViolationsAsync(string path)
    {
        var result = await Page.RunAxe();

        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations on {path}:\n{string.Join('\n', violations)}");
    }
}
