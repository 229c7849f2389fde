using System.Net;
using AngleSharp.Html.Dom;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Organisations;

/// <summary>
/// /organisations/{id}/alerts: where a funder takes outbreak alerts. Its representative sets an address and a webhook; the
/// signing secret is made by the site, shown once, and can be replaced; bad addresses are refused beside their field.
/// </summary>
public sealed class OrganisationAlertsPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> NewOrganisationAsync() => (int)(await OrganisationData.CreateAsync(_admin))["id"]!;

    private async Task<HttpClient> RepresentativeOfAsync(int organisation)
    {
        var author = factory.CreateAuthor(AccountRoles.FunderRepresentative, null, null);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            db.Users.Single(u => u.Id == author.Account.Id).RepresentedOrganisationId = organisation;
            await db.SaveChangesAsync(Ct);
        }
        return await factory.SignInAsync(author.Account);
    }

    /// <summary>An administrator signed in to the site (the API client's token does not open pages).</summary>
    private Task<HttpClient> AdministratorAsync() => factory.SignInAsync(factory.CreateAuthor(AccountRoles.Administrator, null, null).Account);

    private async Task<FunderContact?> StoredAsync(int id)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().FunderContacts.AsNoTracking()
            .SingleOrDefaultAsync(c => c.OrganisationId == id, Ct);
    }

    [Fact]
    public async Task The_representative_sets_an_address_and_a_webhook_and_sees_the_secret_once()
    {
        var id = await NewOrganisationAsync();
        var client = await RepresentativeOfAsync(id);
        var path = $"/organisations/{id}/alerts";
        var form = (await client.GetPageAsync(path)).Form(path);
        form["Form.Email"] = " outbreaks@funder.example.org ";
        form["Form.WebhookUrl"] = "https://hooks.funder.example.org/healthaccord";
        var changes = await HistoryData.CountAsync(_admin);

        var response = await client.SubmitAsync(form);

        Assert.Equal(path, response.RedirectTarget());
        var stored = (await StoredAsync(id))!;
        Assert.Equal("outbreaks@funder.example.org", stored.Email);
        Assert.Equal("https://hooks.funder.example.org/healthaccord", stored.WebhookUrl);
        Assert.Matches("^whsec_[0-9a-f]{64}$", stored.WebhookSecret);
        Assert.Equal(1, stored.Version);
        var first = await client.GetPageAsync(path);
        Assert.Equal(stored.WebhookSecret, first.GetElementById("webhook-secret")?.TextContent);
        var again = await client.GetPageAsync(path);
        Assert.Null(again.GetElementById("webhook-secret"));
        Assert.DoesNotContain(stored.WebhookSecret!, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // Private settings: nothing about them enters the public history.
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
        var record = await client.GetPageAsync($"/organisations/{id}");
        Assert.Contains("by email and webhook", record.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacing_the_secret_or_removing_the_webhook_changes_it()
    {
        var id = await NewOrganisationAsync();
        var admin = await AdministratorAsync();
        var path = $"/organisations/{id}/alerts";
        var form = (await admin.GetPageAsync(path)).Form(path);
        form["Form.WebhookUrl"] = "http://127.0.0.1:9/receiver";
        await admin.SubmitAsync(form);
        var first = (await StoredAsync(id))!.WebhookSecret;

        form = (await admin.GetPageAsync(path)).Form(path);
        await admin.SubmitAsync(form);
        Assert.Equal(first, (await StoredAsync(id))!.WebhookSecret);

        form = (await admin.GetPageAsync(path)).Form(path);
        form["Form.NewSecret"] = "true";
        await admin.SubmitAsync(form);
        var replaced = (await StoredAsync(id))!.WebhookSecret;
        Assert.NotNull(replaced);
        Assert.NotEqual(first, replaced);

        form = (await admin.GetPageAsync(path)).Form(path);
        form["Form.WebhookUrl"] = "";
        await admin.SubmitAsync(form);
        var cleared = (await StoredAsync(id))!;
        Assert.Null(cleared.WebhookUrl);
        Assert.Null(cleared.WebhookSecret);
        Assert.Equal(4, cleared.Version);
    }

    [Theory]
    [InlineData("Form.Email", "not an address", "Give one email address, e.g. outbreaks@funder.org.")]
    [InlineData("Form.Email", "two@example.org, three@example.org", "Give one email address, e.g. outbreaks@funder.org.")]
    [InlineData("Form.WebhookUrl", "http://hooks.funder.example.org/in", "Use https://; plain http:// is accepted only for this machine (localhost).")]
    [InlineData("Form.WebhookUrl", "ftp://hooks.funder.example.org/in", "Give the full address of your receiver, starting with https://.")]
    [InlineData("Form.WebhookUrl", "https://user:pass@hooks.funder.example.org/in", "Leave the user name and password out of the address; the signature proves who is calling.")]
    public async Task A_bad_address_is_refused_beside_its_field_and_nothing_is_stored(string field, string value, string message)
    {
        var id = await NewOrganisationAsync();
        var admin = await AdministratorAsync();
        var path = $"/organisations/{id}/alerts";
        var form = (await admin.GetPageAsync(path)).Form(path);
        form[field] = value;

        var page = await (await admin.SubmitAsync(form)).ReadPageAsync();

        Assert.Equal(message, page.FieldError(field));
        Assert.Equal(value, ((IHtmlInputElement)page.GetElementById(field.Replace('.', '_'))!).Value);
        Assert.Null(await StoredAsync(id));
    }

    [Fact]
    public async Task A_form_opened_before_someone_else_saved_is_refused_with_409()
    {
        var id = await NewOrganisationAsync();
        var admin = await AdministratorAsync();
        var path = $"/organisations/{id}/alerts";
        var stale = (await admin.GetPageAsync(path)).Form(path);
        var fresh = (await admin.GetPageAsync(path)).Form(path);
        fresh["Form.Email"] = "first@funder.example.org";
        await admin.SubmitAsync(fresh);
        stale["Form.Email"] = "second@funder.example.org";

        var response = await admin.SubmitAsync(stale);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("first@funder.example.org", (await StoredAsync(id))!.Email);
    }

    [Fact]
    public async Task Only_the_representative_and_administrators_may_open_it()
    {
        var id = await NewOrganisationAsync();
        var other = await NewOrganisationAsync();
        var path = $"/organisations/{id}/alerts";

        var otherRepresentative = await (await RepresentativeOfAsync(other)).GetAsync(path, Ct);
        var anonymous = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path, Ct);
        var reader = await factory.CreateClient().GetPageAsync($"/organisations/{id}");

        Assert.StartsWith("/account/denied", otherRepresentative.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin", anonymous.RedirectTarget(), StringComparison.Ordinal);
        Assert.Null(reader.QuerySelector($"a[href='{path}']"));
    }
}
