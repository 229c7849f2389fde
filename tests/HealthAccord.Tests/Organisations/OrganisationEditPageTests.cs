using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Organisations;

/// <summary>The organisation's edit, add and delete forms: its representative and administrators edit it, administrators add and delete.</summary>
public sealed class OrganisationEditPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> NewOrganisationAsync() => (int)(await OrganisationData.CreateAsync(_admin))["id"]!;

    /// <summary>A signed-in account of the role; a representative answers for <paramref name="organisation"/>.</summary>
    private Task<HttpClient> SignedInAsync(string role, IEnumerable<int>? partnerships = null, int? organisation = null, string? displayName = null)
    {
        var author = factory.CreateAuthor(role, displayName, partnerships);
        if (organisation is { } id)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            db.Users.Single(u => u.Id == author.Account.Id).RepresentedOrganisationId = id;
            db.SaveChanges();
        }
        return factory.SignInAsync(author.Account);
    }

    private async Task<JsonObject> StoredAsync(int id) => await _admin.GetJsonAsync($"/api/v1/organisations/{id}");

    [Fact]
    public async Task The_form_is_for_the_organisations_representative_and_administrators_only()
    {
        var id = await NewOrganisationAsync();
        var other = await NewOrganisationAsync();
        var path = $"/organisations/{id}/edit";

        var representative = await (await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id)).GetPageAsync(path);
        var readerPage = await factory.CreateClient().GetPageAsync($"/organisations/{id}");
        var representativeRecord = await (await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id)).GetPageAsync($"/organisations/{id}");
        var otherRepresentative = await (await SignedInAsync(AccountRoles.FunderRepresentative, organisation: other)).GetAsync(path, Ct);
        var editor = await (await SignedInAsync(AccountRoles.Editor, partnerships: [1])).GetAsync(path, Ct);
        var anonymous = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path, Ct);

        Assert.Equal("TORG", ((IHtmlInputElement)representative.GetElementById("Form_Acronym")!).Value);
        Assert.Equal("Funder", ((IHtmlSelectElement)representative.GetElementById("Form_Type")!).Value);
        Assert.Null(representative.GetElementById("delete-title"));
        Assert.Null(readerPage.QuerySelector($"a[href='{path}']"));
        Assert.NotNull(representativeRecord.QuerySelector($"a[href='{path}']"));
        Assert.StartsWith("/account/denied", otherRepresentative.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", editor.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/signin", anonymous.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_representative_saves_a_change_recorded_from_the_website_under_their_name()
    {
        var id = await NewOrganisationAsync();
        var client = await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id, displayName: "Org Representative");
        var path = $"/organisations/{id}/edit";
        var form = (await client.GetPageAsync(path)).Form(path);
        form["Form.Acronym"] = "NEWA";
        form["Form.CountryCode"] = "se";

        var response = await client.SubmitAsync(form);

        Assert.Equal($"/organisations/{id}#history", response.RedirectTarget());
        var stored = await StoredAsync(id);
        Assert.Equal("NEWA", (string)stored["acronym"]!);
        Assert.Equal("SE", (string)stored["countryCode"]!);
        var change = (await HistoryData.ChangesOfAsync(_admin, "organisation", id))[0]!;
        Assert.Equal("web", (string)change["source"]!);
        Assert.Equal("Org Representative", (string)change["actor"]!["name"]!);
        Assert.Equal(["acronym", "countryCode"], HistoryData.FieldNames(HistoryData.OnlyRecord(change)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_invalid_form_shows_the_messages_next_to_the_fields_keeps_the_values_and_changes_nothing()
    {
        var id = await NewOrganisationAsync();
        var client = await SignedInAsync(AccountRoles.Administrator);
        var path = $"/organisations/{id}/edit";
        var form = (await client.GetPageAsync(path)).Form(path);
        form["Form.RorId"] = "not-a-ror";
        form["Form.CountryCode"] = "XX";
        form["Form.Sources[0].Url"] = "";
        form["Form.Sources[0].Title"] = "";
        var changes = await HistoryData.CountAsync(_admin);

        var page = await (await client.SubmitAsync(form)).ReadPageAsync();

        Assert.StartsWith("Not a valid ROR id", page.FieldError("Form.RorId"), StringComparison.Ordinal);
        Assert.Equal("'XX' is not an ISO 3166-1 alpha-2 country code (use EU for the European Union).", page.FieldError("Form.CountryCode"));
        Assert.Equal("Give at least one source (url and title) for this record.", page.QuerySelector("#Form_Sources-error")!.TextContent);
        Assert.Equal("not-a-ror", ((IHtmlInputElement)page.GetElementById("Form_RorId")!).Value);
        Assert.Equal(1, (int)(await StoredAsync(id))["version"]!);
        Assert.Equal(changes, await HistoryData.CountAsync(_admin));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        var id = await NewOrganisationAsync();
        var client = await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id);
        var path = $"/organisations/{id}/edit";
        var form = (await client.GetPageAsync(path)).Form(path);
        form["Form.Acronym"] = "FORGED";
        form.Fields.Remove("__RequestVerificationToken");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SubmitAsync(form)).StatusCode);
        Assert.Equal("TORG", (string)(await StoredAsync(id))["acronym"]!);
    }

    [Fact]
    public async Task A_stale_form_shows_both_versions_and_saves_nothing()
    {
        var id = await NewOrganisationAsync();
        var client = await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id);
        var path = $"/organisations/{id}/edit";
        var form = (await client.GetPageAsync(path)).Form(path);
        form["Form.Website"] = "https://example.org/mine";
        var (body, etag) = await _admin.GetWithETagAsync($"/api/v1/organisations/{id}");
        var input = OrganisationData.ValidInput((string)body["name"]!);
        input["website"] = "https://example.org/theirs";
        await (await _admin.PutJsonAsync($"/api/v1/organisations/{id}", input, etag)).AssertStatusAsync(HttpStatusCode.OK);

        var conflict = await (await client.SubmitAsync(form)).ReadPageAsync(HttpStatusCode.Conflict);

        Assert.Equal("This organisation was changed while you were editing it", conflict.QuerySelector("#conflict-title")!.TextContent);
        var website = conflict.QuerySelectorAll(".conflict-table tbody tr.conflict-differs").Single();
        Assert.Equal(["https://example.org/mine", "https://example.org/theirs"], website.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("https://example.org/theirs", (string)(await StoredAsync(id))["website"]!);
        Assert.Equal("2", conflict.Form(path)["Form.Version"]);
    }

    [Fact]
    public async Task An_administrator_adds_and_deletes_an_organisation_and_a_representative_may_not_delete()
    {
        var admin = await SignedInAsync(AccountRoles.Administrator);
        var name = OrganisationData.UniqueName();
        var form = (await admin.GetPageAsync("/organisations/new")).Form("/organisations/new");
        form["Form.Name"] = name;
        form["Form.Type"] = "Foundation";
        form["Form.Sources[0].Url"] = "https://example.org/found";
        form["Form.Sources[0].Title"] = "Found here";

        var created = await admin.SubmitAsync(form);

        var location = created.RedirectTarget();
        Assert.Matches(@"^/organisations/\d+$", location);
        var id = int.Parse(location.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(name, (string)(await StoredAsync(id))["name"]!);
        var representative = await SignedInAsync(AccountRoles.FunderRepresentative, organisation: id);
        Assert.StartsWith("/account/denied", (await representative.GetAsync("/organisations/new", Ct)).RedirectTarget(), StringComparison.Ordinal);

        var path = $"/organisations/{id}/edit";
        var delete = (await admin.GetPageAsync(path)).Form(path, "section.danger-zone form");
        delete["ConfirmDelete"] = "true";
        Assert.Equal("/organisations", (await admin.SubmitAsync(delete)).RedirectTarget());
        Assert.Equal(HttpStatusCode.NotFound, await _admin.StatusOfAsync($"/api/v1/organisations/{id}"));
        var changes = await HistoryData.ChangesOfAsync(_admin, "organisation", id);
        Assert.Equal(["deleted", "created"], changes.Select(c => (string)HistoryData.OnlyRecord(c!)["kind"]!));
    }
}
