using System.Net;
using AngleSharp.Html.Parser;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// /grants/import: a real file uploaded through the form is imported in the background and its page ends with the
/// counts; a refused file shows its row-numbered report and leaves the database as it was; a file over the limit is
/// refused at the form with the limit named; only editors and administrators get in.
/// </summary>
public sealed class GrantUploadPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "Upload-page-test-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> SignedInAsync(string role) => factory.SignInAsync(factory.CreateAccount(role, password: Password));

    private async Task<(int Grants, int Changes)> TotalsAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return (await db.Grants.CountAsync(Ct), await db.ChangeSets.CountAsync(Ct));
    }

    [Fact]
    public async Task An_editor_uploads_the_wolfson_file_with_its_date_format_and_the_result_page_shows_the_counts()
    {
        var client = await SignedInAsync(AccountRoles.Editor);

        var upload = await GrantUploadClient.UploadAsync(client, "360giving-json", new() { ["File"] = GrantFiles.Wolfson }, dateFormat: "dd/MM/yyyy");
        var page = await GrantUploadClient.ResultAsync(client, upload);

        Assert.Equal("Imported.", page.QuerySelector("#import-state")!.TextContent.Trim());
        var counts = GrantUploadClient.Counts(page);
        Assert.Equal("379", counts["Rows read"]);
        Assert.Equal("379", counts["Grants created"]);
        Assert.Equal("0", counts["Grants updated"]);
        Assert.Equal("0", counts["Grants unchanged"]);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        Assert.Equal(379, await db.Grants.CountAsync(g => g.SourceDataset == "wolfson.json", Ct));
        var change = await db.ChangeSets.SingleAsync(c => c.Summary.StartsWith("Imported grants from wolfson.json"), Ct);
        Assert.StartsWith("Imported grants from wolfson.json (360giving-json): 379 new and 0 updated from 379 row(s)", change.Summary, StringComparison.Ordinal);
        Assert.NotEqual("unknown", change.ActorId);
        Assert.DoesNotContain("cli:", change.ActorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_file_shows_its_report_by_row_and_field_and_changes_nothing()
    {
        var client = await SignedInAsync(AccountRoles.Administrator);
        var before = await TotalsAsync();

        var upload = await GrantUploadClient.UploadAsync(client, "360giving-json", new() { ["File"] = GrantFiles.Wolfson });
        var page = await GrantUploadClient.ResultAsync(client, upload);

        Assert.StartsWith("Refused: nothing was imported.", page.QuerySelector("#import-state")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("379", GrantUploadClient.Counts(page)["Invalid rows"]);
        var rows = page.QuerySelectorAll("table.import-report tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(379, rows.Count);
        Assert.Equal(["1", "awardDate", "05/06/2014"], rows[0].Take(3));
        Assert.Contains("ISO 8601", rows[0][3], StringComparison.Ordinal);
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_at_the_form_with_the_limit_named_and_nothing_is_queued()
    {
        using var small = factory.WithWebHostBuilder(b => b.UseSetting("GrantUploads:MaxFileBytes", "1024"));
        var account = factory.CreateAccount(AccountRoles.Editor, password: Password);
        var client = small.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await client.PostFormAsync("/account/signin", new() { ["Input.Email"] = account.Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var before = await TotalsAsync();

        var response = await GrantUploadClient.UploadAsync(client, "360giving-json", new() { ["File"] = GrantFiles.Wolfson });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("This file is 539.3 KB; an upload may be at most 1 KB. Import larger files with the import command on the server.",
            page.QuerySelector("#Input_File-error")!.TextContent.Trim());
        Assert.Equal(before, await TotalsAsync());
    }

    [Fact]
    public async Task The_page_of_an_upload_the_server_no_longer_knows_says_so_and_what_to_do()
    {
        var client = await SignedInAsync(AccountRoles.Editor);

        // What a restart leaves behind: the uploader still has the page's address, the server has no such upload.
        var response = await client.GetAsync($"/grants/import/{Guid.NewGuid():N}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("This import is not known", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("a restart forgets", page.QuerySelector("#import-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("changed nothing", page.QuerySelector("#import-unknown-advice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("meta[http-equiv=refresh]"));
        Assert.NotNull(page.QuerySelector("#import-unknown-advice a[href='/grants/import']"));
    }

    [Fact]
    public async Task Missing_choices_are_named_next_to_their_fields()
    {
        var client = await SignedInAsync(AccountRoles.Editor);

        var response = await GrantUploadClient.UploadAsync(client, "cordis", new() { ["File"] = GrantFiles.Wolfson }, dateFormat: "no date here");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("organization.csv", page.QuerySelector("#Input_Organisations-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("dd/MM/yyyy", page.QuerySelector("#Input_DateFormat-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_other_roles_are_refused_for_the_form_and_the_upload()
    {
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var representative = await SignedInAsync(AccountRoles.FunderRepresentative);
        var nobody = await SignedInAsync(null!);
        var before = await TotalsAsync();

        foreach (var (client, expected) in new[] { (anonymous, "/account/signin"), (representative, "/account/denied"), (nobody, "/account/denied") })
        {
            var get = await client.GetAsync("/grants/import", Ct);
            Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
            Assert.StartsWith(expected, get.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            using var content = new MultipartFormDataContent { { new StringContent("360giving-json"), "Input.Format" } };
            var post = await client.PostAsync("/grants/import", content, Ct);
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.StartsWith(expected, post.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            var status = await client.GetAsync($"/grants/import/{Guid.NewGuid():N}", Ct);
            Assert.Equal(HttpStatusCode.Redirect, status.StatusCode);
        }
        Assert.Equal(before, await TotalsAsync());
    }
}
