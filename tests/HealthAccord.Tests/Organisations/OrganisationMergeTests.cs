using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Grants;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Organisations;

/// <summary>
/// Merging a duplicate organisation into the one that stays, through the API and the review page: everything moves,
/// nothing else changes, the old address forwards, a re-import matches the survivor, and refusals change nothing.
/// </summary>
public sealed class OrganisationMergeTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private const string Password = "correct horse battery staple";
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private readonly HttpClient _reader = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> MergeAsync(int from, int into, HttpClient? client = null)
    {
        var (_, etag) = await _reader.GetWithETagAsync($"/api/v1/organisations/{from}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/organisations/{from}/merge-into/{into}");
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await (client ?? _admin).SendAsync(request, Ct);
    }

    private T Query<T>(Func<HealthAccordDbContext, T> query)
    {
        using var scope = factory.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    [Fact]
    public async Task A_merge_moves_grants_seats_parties_identifiers_and_representatives_and_changes_nothing_else()
    {
        var world = await MergeWorld.CreateAsync(factory);
        var before = MergeWorld.Counts(factory);

        var kept = await (await MergeAsync(world.DuplicateId, world.KeptId)).ReadJsonObjectAsync();

        Assert.Equal(world.KeptId, (int)kept["id"]!);
        Assert.Equal(world.RorId, (string?)kept["rorId"]);
        var expected = before.Replace(Count(before, "organisations"), Count(before, "organisations", -1))
            .Replace(Count(before, "identifiers"), Count(before, "identifiers", +1));
        Assert.Equal(expected, MergeWorld.Counts(factory));
        Assert.Equal(world.KeptId, Query(db => db.Memberships.Single(m => m.Id == world.MembershipId).OrganisationId));
        Assert.Equal(world.KeptId, Query(db => db.AgreementParties.Single(p => p.AgreementId == world.AgreementId).OrganisationId));
        Assert.Equal([world.KeptId, world.KeptId], Query(db => db.GrantParticipants.Where(p => p.GrantId == world.GrantId).OrderBy(p => p.Position).Select(p => p.OrganisationId).ToList()));
        Assert.Equal(world.KeptId, Query(db => db.Users.Single(u => u.Id == world.RepresentativeId).RepresentedOrganisationId));
        Assert.Equal([world.Identifier, $"HEALTHACCORD-ORG-{world.DuplicateId}"],
            Query(db => db.OrganisationIdentifiers.Where(i => i.OrganisationId == world.KeptId).Select(i => i.Value).OrderBy(v => v).ToList()));

        var totals = await _reader.GetJsonAsync($"/api/v1/organisations/{world.KeptId}/grant-totals");
        Assert.Contains(world.KeptName, totals.ToJsonString(), StringComparison.Ordinal);
        var funded = await _reader.GetJsonAsync($"/api/v1/grants?funder={Uri.EscapeDataString(world.KeptName)}");
        Assert.Equal([world.GrantId], funded.Items().Select(i => (long)i!["id"]!));
        Assert.Equal(0, (int)(await _reader.GetJsonAsync($"/api/v1/grants?funder={Uri.EscapeDataString(world.DuplicateName)}"))["total"]!);
    }

    private static string Count(string counts, string what, int delta = 0)
    {
        var start = counts.IndexOf(what + " ", StringComparison.Ordinal) + what.Length + 1;
        var end = counts.IndexOf(',', start) is var comma and >= 0 ? comma : counts.Length;
        return $"{what} {int.Parse(counts[start..end], System.Globalization.CultureInfo.InvariantCulture) + delta}";
    }

    [Fact]
    public async Task The_old_address_forwards_to_the_survivor_and_the_merge_is_one_change_in_its_history()
    {
        var world = await MergeWorld.CreateAsync(factory);
        await (await MergeAsync(world.DuplicateId, world.KeptId)).AssertStatusAsync(HttpStatusCode.OK);

        var page = await _reader.GetAsync($"/organisations/{world.DuplicateId}", Ct);
        var api = await _reader.GetAsync($"/api/v1/organisations/{world.DuplicateId}", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, page.StatusCode);
        Assert.Equal($"/organisations/{world.KeptId}", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, api.StatusCode);
        Assert.Equal($"/api/v1/organisations/{world.KeptId}", api.Headers.Location!.OriginalString);
        var listed = (await _reader.GetJsonAsync($"/api/v1/organisations/{world.KeptId}/history")).Items()[0]!;
        Assert.Equal($"Merged organisation {world.DuplicateName} into {world.KeptName}", (string?)listed["summary"]);
        var change = await _reader.GetJsonAsync($"/api/v1/history/changes/{(long)listed["id"]!}");
        var records = change["records"]!.AsArray().Select(r => $"{r!["kind"]} {r["recordType"]} {r["recordId"]}").ToList();
        Assert.Contains($"deleted organisation {world.DuplicateId}", records);
        Assert.Contains($"updated organisation {world.KeptId}", records);
        Assert.Contains($"updated membership {world.MembershipId}", records);

        var revert = await _admin.PostJsonAsync($"/api/v1/history/changes/{(long)listed["id"]!}/revert", new JsonObject());
        var refused = await revert.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("merge", (string?)refused["detail"], StringComparison.OrdinalIgnoreCase);
        // The agreement's party now names the kept organisation, which reads the same: not a change of the agreement's record.
        Assert.DoesNotContain($"updated agreement {world.AgreementId}", records);
    }

    [Fact]
    public async Task An_editor_is_told_why_a_merge_cannot_be_reverted_instead_of_being_offered_a_revert_that_is_refused()
    {
        var world = await MergeWorld.CreateAsync(factory);
        await (await MergeAsync(world.DuplicateId, world.KeptId)).AssertStatusAsync(HttpStatusCode.OK);
        var merge = (long)(await _reader.GetJsonAsync($"/api/v1/organisations/{world.KeptId}/history")).Items()[0]!["id"]!;
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));

        var changePage = await new HtmlParser().ParseDocumentAsync(await editor.GetStringAsync($"/history/changes/{merge}", Ct), Ct);
        var organisationPage = await new HtmlParser().ParseDocumentAsync(await editor.GetStringAsync($"/organisations/{world.KeptId}", Ct), Ct);

        var section = changePage.QuerySelector("section[aria-labelledby=revert-title]")!;
        Assert.Equal("This change cannot be reverted", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("merge of organisations", section.TextContent, StringComparison.Ordinal);
        Assert.Empty(changePage.QuerySelectorAll("form[action*='handler=Revert']"));
        // The kept organisation's timeline lists the merge, without a button to revert it.
        Assert.NotEmpty(organisationPage.QuerySelectorAll($"a[href='/history/changes/{merge}']"));
        Assert.Empty(organisationPage.QuerySelectorAll($"form[action^='/history/changes/{merge}?']"));
    }

    [Fact]
    public async Task Merging_into_itself_or_into_an_organisation_that_is_gone_is_a_problem_and_changes_nothing()
    {
        var world = await MergeWorld.CreateAsync(factory);
        var representative = factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: world.DuplicateId);
        var before = MergeWorld.Counts(factory);

        var itself = await MergeAsync(world.DuplicateId, world.DuplicateId);
        var gone = await MergeAsync(world.DuplicateId, 987654);
        var notAllowed = await MergeAsync(world.DuplicateId, world.KeptId, representative);
        var stale = await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Post, world.MergeUrl) { Headers = { { "If-Match", "\"stale\"" } } }, Ct);

        await itself.ReadProblemAsync(HttpStatusCode.BadRequest);
        var goneProblem = await gone.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("987654", (string?)goneProblem["detail"], StringComparison.Ordinal);
        await notAllowed.ReadProblemAsync(HttpStatusCode.Forbidden);
        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, MergeWorld.Counts(factory));
        Assert.True(Query(db => db.Organisations.Single(o => o.Id == world.DuplicateId).NeedsReview));
    }

    [Fact]
    public async Task Importing_the_same_file_again_after_a_merge_matches_the_survivor_and_creates_no_duplicate()
    {
        var tag = Guid.NewGuid().ToString("N");
        var grant = GrantFiles.ValidGrant("reimport-" + tag);
        grant["fundingOrganization"] = new JsonArray(new JsonObject { ["id"] = "GB-CHC-F" + tag[..8], ["name"] = "Reimport funder " + tag });
        grant["recipientOrganization"] = new JsonArray(new JsonObject { ["id"] = "GB-COH-R" + tag[..8], ["name"] = "Reimport recipient " + tag, ["addressCountry"] = "Kenya" });
        var file = GrantFiles.Package(grant);
        await ImportAsync(file);
        var duplicate = Query(db => db.Organisations.Single(o => o.Name == "Reimport recipient " + tag));
        Assert.True(duplicate.NeedsReview);
        var kept = await OrganisationData.CreateAsync(_admin);
        await (await MergeAsync(duplicate.Id, (int)kept["id"]!)).AssertStatusAsync(HttpStatusCode.OK);
        var before = MergeWorld.Counts(factory);

        await ImportAsync(file);

        Assert.Equal(before, MergeWorld.Counts(factory));
        Assert.Equal((int)kept["id"]!, Query(db => db.GrantParticipants.Single(p => p.Role != HealthAccord.Data.Portfolio.ParticipantRole.Funder
            && db.Grants.Any(g => g.Id == p.GrantId && g.Identifier == "reimport-" + tag)).OrganisationId));
    }

    private async Task ImportAsync(string json)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), factory.Clock);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), new GrantReadOptions { DatasetName = "reimport.json" }, Ct);
        var outcome = await importer.ImportAsync(rows, new GrantImportOptions("reimport.json", "360giving-json", _ => Task.FromResult("test"), false), null, Ct);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Select(i => i.ToString())));
    }

    [Fact]
    public async Task The_review_page_suggests_the_duplicate_and_merges_it_or_confirms_it_for_administrators_only()
    {
        var world = await MergeWorld.CreateAsync(factory);
        var lookalike = await MergeWorld.CreateAsync(factory);
        var admin = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Administrator, password: Password));
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, password: Password));

        Assert.Equal(HttpStatusCode.Redirect, (await editor.GetAsync("/organisations/review", Ct)).StatusCode);
        var page = await new HtmlParser().ParseDocumentAsync(await (await admin.GetAsync("/organisations/review", Ct)).Content.ReadAsStringAsync(Ct), Ct);
        var item = page.QuerySelector($"#review-{world.DuplicateId}")!;
        Assert.Contains(world.KeptName, item.QuerySelector(".suggestion")!.TextContent, StringComparison.Ordinal);

        var merged = await admin.PostFormAsync("/organisations/review", new(), $"/organisations/review?handler=Merge&id={world.DuplicateId}&into={world.KeptId}");
        var confirmed = await admin.PostFormAsync("/organisations/review", new(), $"/organisations/review?handler=Reviewed&id={lookalike.DuplicateId}");

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.False(Query(db => db.Organisations.Any(o => o.Id == world.DuplicateId)));
        Assert.False(Query(db => db.Organisations.Single(o => o.Id == lookalike.DuplicateId).NeedsReview));
        var history = await _reader.GetJsonAsync($"/api/v1/organisations/{lookalike.DuplicateId}/history");
        Assert.Equal("web", (string?)history.Items()[0]!["source"]);
    }
}
