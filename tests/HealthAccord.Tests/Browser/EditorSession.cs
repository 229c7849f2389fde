using System.Net;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;
using Microsoft.Playwright;

namespace HealthAccord.Tests.Browser;

/// <summary>
/// An editor in the browser tests. Until accounts exist an editor is whoever holds the editors' key, so the browser
/// sends it with every request; changes are made through the API, since the site has no edit forms yet.
/// </summary>
public static class EditorSession
{
    public static Task SignInAsync(IPage page) =>
        page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = HealthAccordFactory.WriteKey });

    /// <summary>A new partnership, renamed once through the API: its slug and the change set of the rename.</summary>
    public static async Task<(string Slug, long Change)> RenamePartnershipAsync(BrowserFixture browser, string name)
    {
        using var writer = new HttpClient { BaseAddress = browser.BaseAddress };
        writer.DefaultRequestHeaders.Add("X-Api-Key", HealthAccordFactory.WriteKey);
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(writer, slug);
        var input = PartnershipData.ValidInput(slug);
        input["name"] = name;
        await (await PartnershipData.PutAsync(writer, slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        return (slug, await HistoryData.LatestChangeIdAsync(writer, "partnership", (int)created["id"]!));
    }
}
