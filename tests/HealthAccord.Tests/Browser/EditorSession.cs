using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HealthAccord.Tests.Browser;

/// <summary>An administrator in the browser tests: signed in through the sign-in form, changing records through the API with a token.</summary>
public static partial class EditorSession
{
    [GeneratedRegex("/account/signin")]
    private static partial Regex SignInPage();

    public static async Task SignInAsync(BrowserFixture browser, IPage page)
    {
        var account = browser.App.CreateAccount(AccountRoles.Administrator, password: HistoryAccounts.Password);
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email address").FillAsync(account.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(SignInPage());
    }

    /// <summary>A new partnership, renamed once through the API: its slug and the change set of the rename.</summary>
    public static async Task<(string Slug, long Change)> RenamePartnershipAsync(BrowserFixture browser, string name)
    {
        var account = browser.App.CreateAccount(AccountRoles.Administrator);
        using var writer = new HttpClient { BaseAddress = browser.BaseAddress };
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", browser.App.CreateToken(account.Id));
        var slug = PartnershipData.UniqueSlug();
        var created = await PartnershipData.CreateAsync(writer, PartnershipData.ValidInput(slug));
        var (_, etag) = await PartnershipData.GetAsync(writer, slug);
        var input = PartnershipData.ValidInput(slug);
        input["name"] = name;
        await (await PartnershipData.PutAsync(writer, slug, input, etag)).AssertStatusAsync(HttpStatusCode.OK);
        return (slug, await HistoryData.LatestChangeIdAsync(writer, "partnership", (int)created["id"]!));
    }
}
