using System.Net;
using System.Reflection;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// The site's side of the authorization matrix: every page handler of the registry and grant feature folders (and the
/// history's) that takes a POST, found by reflection, posted as every kind of signed-in or anonymous visitor with a
/// valid antiforgery token of their own, each cell on a <see cref="WriteWorld"/> of its own. Allowed posts change
/// the world; refused ones are sent to sign in (anonymous) or refused (403, or the "not allowed" page), and change
/// nothing. A handler without a rule here fails the first test.
/// </summary>
public sealed partial class PageWriteMatrixTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    public enum Caller
    {
        Anonymous,
        Administrator,
        EditorOfThePartnership,
        EditorOfAnotherPartnership,
        RepresentativeOfTheOrganisation,
        RepresentativeOfAnotherOrganisation,
    }

    private enum Rule
    {
        AdministratorsOnly,
        EditorsOfThePartnership,
        RepresentativesOfTheOrganisation,
        /// <summary>A grant's: editors of a partnership it is linked to, and representatives of an organisation funding it.</summary>
        EditorsOfThePartnershipOrRepresentativesOfTheOrganisation,
    }

    /// <summary>A handler's rule, the page it posts to and the fields of a post that the allowed callers make successfully;
    /// <paramref name="WithGrant"/> gives the world a grant its organisation funds and that is linked to its partnership.</summary>
    private sealed record HandlerRule(Rule Rule, Func<WriteWorld, string> Path, Func<WriteWorld, RecordVersions, Dictionary<string, string>> Fields,
        bool WithGrant = false);

    /// <summary>The stored versions of the world's records, which forms post back.</summary>
    public sealed record RecordVersions(int Partnership, int Organisation, int Membership, int Goal, int Agreement, int? Grant);

    private static readonly string[] RegistryFeatures = ["Partnerships", "Organisations", "Memberships", "Agreements", "Goals", "History", "Grants", "Upload", "Outbreaks", "Declaration", "Notifications"];

    private static Dictionary<string, string> PartnershipFields(WriteWorld w, RecordVersions v) => new()
    {
        ["Form.Slug"] = w.PartnershipSlug,
        ["Form.Acronym"] = "MTX",
        ["Form.Name"] = "Renamed by the page matrix",
        ["Form.Kind"] = "FundersNetwork",
        ["Form.Summary"] = "For the authorization matrix.",
        ["Form.EuRole"] = "Member",
        ["Form.Sources[0].Url"] = "https://example.org/source",
        ["Form.Sources[0].Title"] = "Example source",
        ["Form.Version"] = v.Partnership.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string> OrganisationFields(RecordVersions v) => new()
    {
        ["Form.Name"] = "Renamed by the page matrix " + Guid.NewGuid().ToString("N"),
        ["Form.Type"] = "Funder",
        ["Form.CountryCode"] = "NO",
        ["Form.Sources[0].Url"] = "https://example.org/source",
        ["Form.Sources[0].Title"] = "Example source",
        ["Form.Version"] = Text(v.Organisation),
    };

    private static Dictionary<string, string> SeatFields(RecordVersions v, string country) => new()
    {
        ["Form.CountryCode"] = country,
        ["Form.Role"] = "Member",
        ["Form.Sources[0].Url"] = "https://example.org/source",
        ["Form.Sources[0].Title"] = "Example source",
        ["Form.Version"] = Text(v.Membership),
    };

    private static Dictionary<string, string> GoalFields(RecordVersions v, string statement) => new()
    {
        ["Form.Statement"] = statement,
        ["Form.Indicator"] = "Things done",
        ["Form.Unit"] = "things",
        ["Form.Direction"] = "AtLeast",
        ["Form.Target"] = "12",
        ["Form.Sources[0].Url"] = "https://example.org/source",
        ["Form.Sources[0].Title"] = "Example source",
        ["Form.Version"] = Text(v.Goal),
    };

    /// <summary>An agreement linked to the world's partnership only, so its editors may create, change and delete it.</summary>
    private static Dictionary<string, string> AgreementFields(WriteWorld w, RecordVersions v, string title) => new()
    {
        ["Form.Title"] = title,
        ["Form.Kind"] = "MemorandumOfUnderstanding",
        ["Form.Status"] = "InForce",
        ["Form.Signed"] = "2020-01",
        ["Form.Partnerships"] = w.PartnershipSlug,
        ["Form.Parties[0].Name"] = "A party of the matrix",
        ["Form.Parties[0].CountryCode"] = "NO",
        ["Form.Sources[0].Url"] = "https://example.org/source",
        ["Form.Sources[0].Title"] = "Example source",
        ["Form.Version"] = Text(v.Agreement),
    };

    private static string Text(int number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, HandlerRule> Rules = new(StringComparer.Ordinal)
    {
        ["Partnerships/EditModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/partnerships/{w.PartnershipSlug}/edit", PartnershipFields),
        ["Partnerships/EditModel.OnPostDeleteAsync"] = new(Rule.AdministratorsOnly, w => $"/partnerships/{w.PartnershipSlug}/edit?handler=Delete",
            (w, v) => new() { ["ConfirmDelete"] = "true", ["Form.Version"] = v.Partnership.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        ["Partnerships/NewModel.OnPostAsync"] = new(Rule.AdministratorsOnly, _ => "/partnerships/new",
            (w, v) => new(PartnershipFields(w, v)) { ["Form.Slug"] = "page-matrix-" + Guid.NewGuid().ToString("N")[..16] }),
        ["Organisations/EditModel.OnPostAsync"] = new(Rule.RepresentativesOfTheOrganisation, w => $"/organisations/{w.OrganisationId}/edit",
            (_, v) => OrganisationFields(v)),
        // The world's organisation holds no seat, so it may be deleted.
        ["Organisations/EditModel.OnPostDeleteAsync"] = new(Rule.AdministratorsOnly, w => $"/organisations/{w.OrganisationId}/edit?handler=Delete",
            (_, v) => new() { ["ConfirmDelete"] = "true", ["Form.Version"] = Text(v.Organisation) }),
        ["Organisations/AlertsModel.OnPostAsync"] = new(Rule.RepresentativesOfTheOrganisation, w => $"/organisations/{w.OrganisationId}/alerts",
            (_, _) => new() { ["Form.Email"] = "alerts@funder.example.org", ["Form.WebhookUrl"] = "https://hooks.funder.example.org/in", ["Form.Version"] = "0" }),
        ["Organisations/NewModel.OnPostAsync"] = new(Rule.AdministratorsOnly, _ => "/organisations/new", (_, v) => OrganisationFields(v)),
        ["Memberships/NewModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/partnerships/{w.PartnershipSlug}/members/new",
            (_, v) => SeatFields(v, "DK")),
        ["Memberships/EditModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/memberships/{w.MembershipId}/edit",
            (_, v) => SeatFields(v, "SE")),
        ["Memberships/EditModel.OnPostDeleteAsync"] = new(Rule.EditorsOfThePartnership, w => $"/memberships/{w.MembershipId}/edit?handler=Delete",
            (_, v) => new() { ["ConfirmDelete"] = "true", ["Form.Version"] = Text(v.Membership) }),
        ["Goals/NewModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/partnerships/{w.PartnershipSlug}/goals/new",
            (_, v) => GoalFields(v, "A new goal")),
        ["Goals/EditModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/goals/{w.GoalId}/edit", (_, v) => GoalFields(v, "A changed goal")),
        ["Goals/EditModel.OnPostDeleteAsync"] = new(Rule.EditorsOfThePartnership, w => $"/goals/{w.GoalId}/edit?handler=Delete",
            (_, v) => new() { ["ConfirmDelete"] = "true", ["Form.Version"] = Text(v.Goal) }),
        ["Goals/EditModel.OnPostAddMeasurementAsync"] = new(Rule.EditorsOfThePartnership, w => $"/goals/{w.GoalId}/edit?handler=AddMeasurement",
            (_, _) => new() { ["Measurement.MeasuredOn"] = "2025", ["Measurement.Value"] = "5", ["Measurement.SourceUrl"] = "https://example.org/measured-again" }),
        ["Goals/EditModel.OnPostDeleteMeasurementAsync"] = new(Rule.EditorsOfThePartnership, w => $"/goals/{w.GoalId}/edit?handler=DeleteMeasurement",
            (w, _) => new() { ["measurementId"] = Text(w.MeasurementId) }),
        ["Agreements/NewModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, _ => "/agreements/new",
            (w, v) => AgreementFields(w, v, "A new agreement")),
        ["Agreements/EditModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, w => $"/agreements/{w.AgreementId}/edit",
            (w, v) => AgreementFields(w, v, "A changed agreement")),
        ["Agreements/EditModel.OnPostDeleteAsync"] = new(Rule.EditorsOfThePartnership, w => $"/agreements/{w.AgreementId}/edit?handler=Delete",
            (_, v) => new() { ["ConfirmDelete"] = "true", ["Form.Version"] = Text(v.Agreement) }),
        // The world's organisation is flagged as an import leaves it; merging folds it into the other organisation.
        ["Organisations/ReviewModel.OnPostMergeAsync"] = new(Rule.AdministratorsOnly, _ => "/organisations/review?handler=Merge",
            (w, _) => new() { ["id"] = Text(w.OrganisationId), ["into"] = Text(w.OtherOrganisationId) }),
        ["Organisations/ReviewModel.OnPostReviewedAsync"] = new(Rule.AdministratorsOnly, _ => "/organisations/review?handler=Reviewed",
            (w, _) => new() { ["id"] = Text(w.OrganisationId) }),
        ["Grants/EditModel.OnPostAsync"] = new(Rule.EditorsOfThePartnershipOrRepresentativesOfTheOrganisation, w => $"/grants/{w.GrantId}/edit",
            (_, v) => new()
            {
                ["Form.Title"] = "Retitled by the page matrix",
                ["Form.Currency"] = "EUR",
                ["Form.Amount"] = "125000",
                ["Form.AwardDate"] = "2024-03-01",
                ["Form.Version"] = Text(v.Grant ?? 0),
            }, WithGrant: true),
        ["Declaration/NewModel.OnPostAsync"] = new(Rule.EditorsOfThePartnership, _ => "/outbreaks/new", (w, _) => new()
        {
            ["Form.Title"] = "An outbreak declared by the page matrix",
            ["Form.PathogenCode"] = "marburg",
            ["Form.Countries"] = "RW",
            ["Form.TriggeredAt"] = "2026-11-28T10:00",
            ["Form.WhoGrading"] = "Grade1",
            ["Form.Partnerships"] = w.PartnershipSlug,
            ["Form.QuorumShare"] = "0.5",
            ["Form.Sources[0].Url"] = "https://example.org/source",
            ["Form.Sources[0].Title"] = "Example source",
        }),
        // Undoing the world's edit of its seat: whoever may edit the seat's partnership.
        ["History/ChangeModel.OnPostRevertAsync"] = new(Rule.EditorsOfThePartnership, w => $"/history/changes/{w.ChangeId}?handler=Revert", (_, _) => []),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every POST handler of the registry's pages, as "Feature/PageModel.Method".</summary>
    private static List<string> Handlers() =>
        typeof(HealthAccord.Web.Shared.PageWrites).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace is { } ns && RegistryFeatures.Contains(ns.Split('.').Last()))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => $"{t.Namespace!.Split('.').Last()}/{t.Name}.{m.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Every_post_handler_of_the_registry_pages_has_a_rule_here_and_every_rule_a_handler()
    {
        var handlers = Handlers();

        Assert.Contains("Partnerships/EditModel.OnPostAsync", handlers);
        var unruled = handlers.Where(h => !Rules.ContainsKey(h) && !HandlersWithTheirOwnCells.ContainsKey(h)).ToList();
        Assert.True(unruled.Count == 0, "Page handlers with no rule in the page authorization matrix (add one, with who may post):\n" + string.Join("\n", unruled));
        var stale = Rules.Keys.Concat(HandlersWithTheirOwnCells.Keys).Except(handlers).ToList();
        Assert.True(stale.Count == 0, "Rules for handlers the app no longer has:\n" + string.Join("\n", stale));
    }

    private static bool Allowed(Rule rule, Caller caller) => caller switch
    {
        Caller.Administrator => true,
        Caller.EditorOfThePartnership => rule is Rule.EditorsOfThePartnership or Rule.EditorsOfThePartnershipOrRepresentativesOfTheOrganisation,
        Caller.RepresentativeOfTheOrganisation => rule is Rule.RepresentativesOfTheOrganisation or Rule.EditorsOfThePartnershipOrRepresentativesOfTheOrganisation,
        _ => false,
    };

    private async Task<HttpClient> ClientOfAsync(Caller caller, WriteWorld world)
    {
        TestAccount Account(string role, IEnumerable<int>? partnerships = null, int? organisation = null) =>
            factory.CreateAccount(role, partnerships, organisation, password: HistoryAccounts.Password);
        return caller switch
        {
            Caller.Anonymous => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }),
            Caller.Administrator => await factory.SignInAsync(Account(AccountRoles.Administrator)),
            Caller.EditorOfThePartnership => await factory.SignInAsync(Account(AccountRoles.Editor, partnerships: [world.PartnershipId])),
            Caller.EditorOfAnotherPartnership => await factory.SignInAsync(Account(AccountRoles.Editor, partnerships: [world.OtherPartnershipId])),
            Caller.RepresentativeOfTheOrganisation => await factory.SignInAsync(Account(AccountRoles.FunderRepresentative, organisation: world.OrganisationId)),
            Caller.RepresentativeOfAnotherOrganisation => await factory.SignInAsync(Account(AccountRoles.FunderRepresentative, organisation: world.OtherOrganisationId)),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    /// <summary>
    /// The caller's own antiforgery token, from a page every visitor may open (the sign-in form, or the sign-out
    /// button every page shows to a signed-in visitor): refusals must come from the rights, not from a bad token.
    /// </summary>
    private static async Task<string> TokenOfAsync(HttpClient client, Caller caller)
    {
        var page = await client.GetPageAsync(caller == Caller.Anonymous ? "/account/signin" : "/partnerships");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"No antiforgery token for {caller}.");
        return token;
    }

    private RecordVersions VersionsOf(WriteWorld world)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return new RecordVersions(db.Partnerships.Where(p => p.Id == world.PartnershipId).Select(p => p.Version).Single(),
            db.Organisations.Where(o => o.Id == world.OrganisationId).Select(o => o.Version).Single(),
            db.Memberships.Where(m => m.Id == world.MembershipId).Select(m => m.Version).Single(),
            db.Goals.Where(g => g.Id == world.GoalId).Select(g => g.Version).Single(),
            db.Agreements.Where(a => a.Id == world.AgreementId).Select(a => a.Version).Single(),
            world.GrantId is { } grantId ? db.Grants.Where(g => g.Id == grantId).Select(g => g.Version).Single() : null);
    }

    [Fact]
    public async Task Every_post_handler_allows_exactly_the_callers_its_rule_names_and_refused_posts_change_nothing()
    {
        var failures = new List<string>();
        var cells = 0;
        foreach (var handler in Handlers().Where(Rules.ContainsKey))
        {
            var rule = Rules[handler];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cells++;
                var world = await WriteWorld.CreateAsync(factory, rule.WithGrant);
                var client = await ClientOfAsync(caller, world);
                var fields = rule.Fields(world, VersionsOf(world));
                fields["__RequestVerificationToken"] = await TokenOfAsync(client, caller);
                var path = rule.Path(world);
                var before = world.Snapshot(factory);

                using var body = new FormUrlEncodedContent(fields);
                var response = await client.PostAsync(path, body, Ct);

                var after = world.Snapshot(factory);
                var cell = $"{handler} as {caller} (POST {path})";
                var status = (int)response.StatusCode;
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
                if (Allowed(rule.Rule, caller))
                {
                    if (response.StatusCode != HttpStatusCode.Redirect || location.StartsWith("/account/", StringComparison.Ordinal))
                        failures.Add($"{cell}: expected success (a redirect to the result), got {status} {location}");
                    else if (before == after) failures.Add($"{cell}: answered {status} but changed nothing");
                    continue;
                }
                var expected = caller == Caller.Anonymous ? "/account/signin" : "/account/denied";
                var refused = location.StartsWith(expected, StringComparison.Ordinal)
                    || (caller != Caller.Anonymous && response.StatusCode == HttpStatusCode.Forbidden);
                if (!refused) failures.Add($"{cell}: expected a redirect to {expected}, got {status} {location}");
                if (before != after) failures.Add($"{cell}: refused, yet the data changed:\n  before {before}\n  after  {after}");
            }
        }

        Assert.True(cells >= Rules.Count * 6, $"Only {cells} cells were run.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells failed:\n" + string.Join("\n", failures));
    }
}
