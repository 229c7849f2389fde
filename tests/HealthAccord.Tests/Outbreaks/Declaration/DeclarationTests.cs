using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Outbreaks.Notifications;
using HealthAccord.Web.Outbreaks.Declaration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks.Declaration;

/// <summary>Declaring an outbreak through the API and the page: what is refused and why, who may, and what is recorded.</summary>
public sealed class DeclarationTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int OutbreakCount()
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Outbreaks.Count();
    }

    private Task<FunderWorld> WorldAsync(int funders = 2) => FunderWorld.CreateAsync(factory, funders, i => ($"funder-{i}@declaration.example", null));

    [Fact]
    public async Task Bad_fields_are_each_named_in_a_validation_problem_and_nothing_is_declared()
    {
        var admin = factory.CreateAdministratorClient();
        var input = FunderWorld.Declare(new string('T', 501), "no-such-partnership");
        input["pathogenCode"] = "plague-of-frogs";
        input["countries"] = new JsonArray("ZZ", "RW");
        input["triggeredAt"] = HealthAccordFactory.Now.AddHours(1).ToString("O");
        input["quorumShare"] = 1.5;
        input["summary"] = new string('s', 4001);
        var before = OutbreakCount();

        var response = await admin.PostJsonAsync("/api/v1/outbreaks", input);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = await response.ReadErrorFieldsAsync();
        Assert.Equal(["countries[0]", "partnerships[0]", "pathogenCode", "quorumShare", "summary", "title", "triggeredAt"], fields.Order(StringComparer.Ordinal));
        Assert.Equal(before, OutbreakCount());
    }

    [Fact]
    public async Task Missing_fields_and_a_zero_quorum_are_refused_while_a_trigger_a_few_minutes_ahead_is_taken_as_clock_skew()
    {
        var admin = factory.CreateAdministratorClient();
        var world = await WorldAsync();
        var empty = await admin.PostJsonAsync("/api/v1/outbreaks", new JsonObject { ["quorumShare"] = 0 });
        Assert.Equal(["countries", "pathogenCode", "quorumShare", "sources", "title", "triggeredAt", "whoGrading"],
            (await empty.ReadErrorFieldsAsync()).Order(StringComparer.Ordinal));

        var skewed = world.Declaration();
        skewed["triggeredAt"] = HealthAccordFactory.Now.Add(DeclarationInput.FutureSkew).AddSeconds(-1).ToString("O");
        var declared = await (await admin.PostJsonAsync("/api/v1/outbreaks", skewed)).ReadJsonObjectAsync(HttpStatusCode.Created);
        Assert.Equal(0.5m, (decimal)declared["quorumShare"]!);
    }

    [Fact]
    public async Task Editors_declare_for_the_partnerships_they_edit_only_and_representatives_not_at_all()
    {
        var world = await WorldAsync();
        var other = await WorldAsync();
        var before = OutbreakCount();

        var representative = factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: world.Funders[0].OrganisationId);
        var outsider = factory.CreateClientAs(AccountRoles.Editor, partnerships: [other.PartnershipId]);
        var halfway = factory.CreateClientAs(AccountRoles.Editor, partnerships: [world.PartnershipId]);
        var both = FunderWorld.Declare("Two partnerships", world.Slug, other.Slug);

        var refused = await (await representative.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("editors of every partnership concerned", (string)refused["detail"]!, StringComparison.Ordinal);
        await (await outsider.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await halfway.PostJsonAsync("/api/v1/outbreaks", both)).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, OutbreakCount());

        var declared = await (await halfway.PostJsonAsync("/api/v1/outbreaks", world.Declaration())).ReadJsonObjectAsync(HttpStatusCode.Created);
        Assert.Equal(2, (int)declared["funders"]!);
        Assert.Equal($"/outbreaks/{declared["id"]}", (string)declared["page"]!);
        var admin = factory.CreateAdministratorClient();
        var shared = await (await admin.PostJsonAsync("/api/v1/outbreaks", both)).ReadJsonObjectAsync(HttpStatusCode.Created);
        Assert.Equal(4, (int)shared["funders"]!);
    }

    [Fact]
    public async Task Without_partnerships_GloPID_R_is_concerned_and_its_funding_members_are_alerted_but_not_its_observer()
    {
        var admin = factory.CreateAdministratorClient();
        var input = FunderWorld.Declare("Disease X in the default partnership");
        input.Remove("partnerships");
        input["pathogenCode"] = "disease-x";
        input["pathogenNote"] = "Acute haemorrhagic fever of unknown cause";

        var declared = await (await admin.PostJsonAsync("/api/v1/outbreaks", input)).ReadJsonObjectAsync(HttpStatusCode.Created);

        Assert.Equal(["glopid-r"], declared["partnerships"]!.AsArray().Select(p => (string)p!));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var seats = await db.Memberships.Where(m => m.Partnership.Slug == "glopid-r" && m.OrganisationId != null && m.Left == null)
            .Select(m => new { m.OrganisationId, m.Role }).ToListAsync(Ct);
        var funders = seats.Where(s => MemberFunders.FundingRoles.Contains(s.Role)).Select(s => s.OrganisationId!.Value).Distinct().Order().ToList();
        var observers = seats.Where(s => s.Role == HealthAccord.Data.Registry.MembershipRole.Observer).Select(s => s.OrganisationId!.Value).ToList();
        Assert.True(funders.Count >= 10, $"Only {funders.Count} seeded GloPID-R funders.");
        Assert.NotEmpty(observers);
        var alerted = await db.OutbreakResponses.Where(r => r.OutbreakId == (int)declared["id"]!).Select(r => r.OrganisationId).OrderBy(i => i).ToListAsync(Ct);
        Assert.Equal(funders, alerted);
        Assert.Empty(alerted.Intersect(observers));
    }

    [Fact]
    public async Task A_declaration_is_one_recorded_change_by_its_author_and_cannot_be_reverted()
    {
        var world = await WorldAsync();
        var author = factory.CreateAuthor(AccountRoles.Editor, "Declaring Editor", [world.PartnershipId]);

        var declared = await (await author.Api.PostJsonAsync("/api/v1/outbreaks", world.Declaration("Recorded Marburg"))).ReadJsonObjectAsync(HttpStatusCode.Created);
        var id = (int)declared["id"]!;

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var change = await db.RecordChanges.Include(r => r.ChangeSet).SingleAsync(r => r.RecordType == RecordType.Outbreak && r.RecordId == id, Ct);
        Assert.Equal(ChangeKind.Created, change.Kind);
        Assert.Equal("Recorded Marburg", change.Label);
        Assert.Equal("Declaring Editor", change.ChangeSet.ActorName);
        Assert.Equal(ChangeSource.Api, change.ChangeSet.Source);
        Assert.Contains("\"pathogenCode\":\"marburg\"", change.After, StringComparison.Ordinal);
        var outbreak = await db.Outbreaks.SingleAsync(o => o.Id == id, Ct);
        Assert.Equal("Declaring Editor", outbreak.DeclaredByName);
        Assert.Equal(HealthAccordFactory.Now.UtcDateTime, outbreak.DeclaredAt);
        Assert.Equal(HealthAccordFactory.Now.UtcDateTime.AddHours(-2), outbreak.TriggeredAt);

        var admin = factory.CreateAdministratorClient();
        var revert = await admin.PostAsync($"/api/v1/history/changes/{change.ChangeSetId}/revert", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, revert.StatusCode);
        Assert.True(await db.Outbreaks.AnyAsync(o => o.Id == id, Ct));
    }

    [Fact]
    public async Task The_form_offers_the_catalogue_and_GloPID_R_shows_messages_next_to_the_fields_and_declares()
    {
        var world = await WorldAsync();
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, [world.PartnershipId], password: HistoryAccounts.Password));

        var page = await editor.GetPageAsync("/outbreaks/new");
        Assert.Equal("0.5", ((IHtmlInputElement)page.GetElementById("Form_QuorumShare")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='Form.Partnerships'][value='glopid-r']")!).IsChecked);
        Assert.False(((IHtmlInputElement)page.QuerySelector($"input[name='Form.Partnerships'][value='{world.Slug}']")!).IsChecked);
        var pathogens = ((IHtmlSelectElement)page.GetElementById("Form_PathogenCode")!).Options.Select(o => o.Text).ToList();
        Assert.Contains("Marburg virus disease", pathogens);
        Assert.Equal("Disease X (unknown)", pathogens[^1]);
        Assert.Contains("(not one you edit)", page.QuerySelector("input[value='glopid-r']")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Mpox clade Ib, Burundi",
            ["Form.PathogenCode"] = "mpox",
            ["Form.Countries"] = "BI ZZ",
            ["Form.TriggeredAt"] = "yesterday",
            ["Form.WhoGrading"] = "Grade3",
            ["Form.IsPheic"] = "true",
            ["Form.Partnerships"] = world.Slug,
            ["Form.QuorumShare"] = "0.6",
            ["Form.Sources[0].Url"] = "https://example.org/pheic",
            ["Form.Sources[0].Title"] = "PHEIC statement",
        };
        var invalid = await editor.PostFormAsync("/outbreaks/new", new(fields));
        var shown = await invalid.ReadPageAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("'ZZ' is not an ISO 3166-1", shown.GetElementById("Form_Countries-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DDTHH:MM", shown.GetElementById("Form_TriggeredAt-error")!.TextContent, StringComparison.Ordinal);

        fields["Form.Countries"] = "BI, CD";
        fields["Form.TriggeredAt"] = "2026-11-28T09:15";
        // Without a grade, the message names the form's choices rather than the API's codes.
        fields["Form.WhoGrading"] = "";
        var ungraded = await (await editor.PostFormAsync("/outbreaks/new", new(fields))).ReadPageAsync();
        var gradeError = ungraded.GetElementById("Form_WhoGrading-error")!.TextContent;
        Assert.Contains("“Not graded”", gradeError, StringComparison.Ordinal);
        Assert.DoesNotContain("grade1", gradeError, StringComparison.Ordinal);
        fields["Form.WhoGrading"] = "Grade3";
        var response = await editor.PostFormAsync("/outbreaks/new", new(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString["/outbreaks/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var outbreak = await db.Outbreaks.Include(o => o.Countries).Include(o => o.Responses).SingleAsync(o => o.Id == id, Ct);
        Assert.Equal("Mpox clade Ib, Burundi", outbreak.Title);
        Assert.True(outbreak.IsPheic);
        Assert.Equal(WhoGrading.Grade3, outbreak.WhoGrading);
        Assert.Equal(0.6m, outbreak.QuorumShare);
        Assert.Equal(new DateTime(2026, 11, 28, 9, 15, 0, DateTimeKind.Utc), outbreak.TriggeredAt);
        Assert.Equal(["BI", "CD"], outbreak.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal));
        Assert.Equal(2, outbreak.Responses.Count);
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.OutbreakId == id, Ct));
        Assert.Equal(ChangeSource.Web, (await db.RecordChanges.Include(r => r.ChangeSet).SingleAsync(r => r.RecordType == RecordType.Outbreak && r.RecordId == id, Ct)).ChangeSet.Source);
    }

    [Fact]
    public async Task The_form_refuses_a_partnership_the_editor_does_not_edit_next_to_the_boxes_and_representatives_get_no_form()
    {
        var world = await WorldAsync();
        var other = await WorldAsync();
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, [world.PartnershipId], password: HistoryAccounts.Password));
        var representative = await factory.SignInAsync(factory.CreateAccount(AccountRoles.FunderRepresentative, organisation: world.Funders[0].OrganisationId,
            password: HistoryAccounts.Password));
        var before = OutbreakCount();

        var response = await editor.PostFormAsync("/outbreaks/new", new()
        {
            ["Form.Title"] = "Not theirs",
            ["Form.PathogenCode"] = "marburg",
            ["Form.Countries"] = "RW",
            ["Form.TriggeredAt"] = "2026-11-28T09:15",
            ["Form.WhoGrading"] = "Grade1",
            ["Form.Partnerships"] = other.Slug,
            ["Form.QuorumShare"] = "0.5",
            ["Form.Sources[0].Url"] = "https://example.org/don",
            ["Form.Sources[0].Title"] = "Disease outbreak news",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("only for partnerships you edit", (await response.ReadPageAsync(HttpStatusCode.Forbidden)).GetElementById("Form_Partnerships-error")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", (await representative.GetAsync("/outbreaks/new", Ct)).RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(before, OutbreakCount());
    }
}
