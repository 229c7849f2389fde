using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// Every write route of the API (read from the running app) as every kind of caller, each cell on records of its
/// own: allowed calls succeed and change something; denied calls get 401 (no usable token) or 403 (wrong role or
/// scope) as problem documents and change nothing. A write route without a rule here fails the first test.
/// </summary>
public sealed class WriteAuthorizationMatrixTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    public enum Caller
    {
        Anonymous,
        Administrator,
        EditorOfThePartnership,
        EditorOfAnotherPartnership,
        RepresentativeOfTheOrganisation,
        RepresentativeOfAnotherOrganisation,
        RevokedToken,
        ExpiredToken,
    }

    /// <summary>Who, besides administrators, may use a route on the world's records.</summary>
    private enum Rule
    {
        AdministratorsOnly,
        EditorsOfThePartnership,
        RepresentativesOfTheOrganisation,

        /// <summary>A grant the organisation funds and that is linked to the partnership: both may edit it.</summary>
        EditorsOfThePartnershipAndRepresentativesOfTheOrganisation,
    }

    private sealed record RouteRule(Rule Rule, Func<WriteWorld, JsonObject?> Body);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonArray Sources = [new JsonObject { ["url"] = "https://example.org/source", ["title"] = "Example source" }];

    private static readonly Dictionary<string, RouteRule> Rules = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/partnerships/"] = new(Rule.AdministratorsOnly, _ => PartnershipData.ValidInput(PartnershipData.UniqueSlug())),
        ["PUT /api/v1/partnerships/{slug}"] = new(Rule.EditorsOfThePartnership, w => Changed(PartnershipData.ValidInput(w.PartnershipSlug), "name")),
        ["DELETE /api/v1/partnerships/{slug}"] = new(Rule.AdministratorsOnly, _ => null),
        ["POST /api/v1/organisations/"] = new(Rule.AdministratorsOnly, _ => OrganisationData.ValidInput(OrganisationData.UniqueName())),
        ["PUT /api/v1/organisations/{id:int}"] = new(Rule.RepresentativesOfTheOrganisation, _ => OrganisationData.ValidInput(OrganisationData.UniqueName())),
        ["DELETE /api/v1/organisations/{id:int}"] = new(Rule.AdministratorsOnly, _ => null),
        ["POST /api/v1/memberships/"] = new(Rule.EditorsOfThePartnership, w => Seat(w, "DK")),
        ["PUT /api/v1/memberships/{id:int}"] = new(Rule.EditorsOfThePartnership, w => Seat(w, "SE")),
        ["DELETE /api/v1/memberships/{id:int}"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["POST /api/v1/agreements/"] = new(Rule.EditorsOfThePartnership, w => Agreement(w, "A new agreement")),
        ["PUT /api/v1/agreements/{id:int}"] = new(Rule.EditorsOfThePartnership, w => Agreement(w, "A changed agreement")),
        ["DELETE /api/v1/agreements/{id:int}"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["POST /api/v1/goals/"] = new(Rule.EditorsOfThePartnership, w => Goal(w, "A new goal")),
        ["PUT /api/v1/goals/{id:int}"] = new(Rule.EditorsOfThePartnership, w => Goal(w, "A changed goal")),
        ["DELETE /api/v1/goals/{id:int}"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["POST /api/v1/goals/{id:int}/measurements"] = new(Rule.EditorsOfThePartnership,
            _ => new JsonObject { ["measuredOn"] = "2025", ["value"] = 5, ["sourceUrl"] = "https://example.org/measured-again" }),
        ["DELETE /api/v1/goals/{id:int}/measurements/{measurementId:int}"] = new(Rule.EditorsOfThePartnership, _ => null),
        // Undoing the world's edit of its seat: whoever may edit the seat's partnership, as for editing the seat itself.
        ["POST /api/v1/history/changes/{id:long}/revert"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["POST /api/v1/organisations/{id:int}/reviewed"] = new(Rule.AdministratorsOnly, _ => null),
        ["POST /api/v1/organisations/{id:int}/merge-into/{targetId:int}"] = new(Rule.AdministratorsOnly, _ => null),
        ["POST /api/v1/outbreaks/"] = new(Rule.EditorsOfThePartnership,
            w => HealthAccord.Tests.Outbreaks.Notifications.FunderWorld.Declare("An outbreak declared by the matrix", w.PartnershipSlug)),
        // The world's outbreak was triggered five hours before the factory's clock, which this test never moves.
        ["POST /api/v1/outbreaks/{id:int}/convening"] = new(Rule.EditorsOfThePartnership,
            _ => new JsonObject { ["convenedAt"] = HealthAccordFactory.Now.UtcDateTime.AddHours(-1), ["note"] = "Met by video" }),
        // The world's outbreak was convened two hours before the clock, so there is a convening to clear.
        ["DELETE /api/v1/outbreaks/{id:int}/convening"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["POST /api/v1/outbreaks/{id:int}/close"] = new(Rule.EditorsOfThePartnership, _ => new JsonObject()),
        // The world's organisation is the funder asked: its representative answers for it.
        ["POST /api/v1/outbreaks/{id:int}/responses/{responseId:int}"] = new(Rule.RepresentativesOfTheOrganisation,
            _ => new JsonObject { ["acknowledged"] = true }),
        // The same funder's answer, given by phone and written down by the outbreak's editors instead.
        ["POST /api/v1/outbreaks/{id:int}/responses/{responseId:int}/recorded"] = new(Rule.EditorsOfThePartnership,
            _ => new JsonObject { ["channel"] = "phone", ["acknowledged"] = true }),
        // The world's outbreak has an alert its sender abandoned: administrators and the outbreak's editors queue it again.
        ["POST /api/v1/outbreaks/{id:int}/deliveries/{messageId:long}/send-again"] = new(Rule.EditorsOfThePartnership, _ => null),
        ["PUT /api/v1/grants/{id:long}"] = new(Rule.EditorsOfThePartnershipAndRepresentativesOfTheOrganisation, _ => new JsonObject
        {
            ["title"] = "A grant corrected by the matrix",
            ["currency"] = "EUR",
            ["amountAwarded"] = 1000,
            ["awardDate"] = "2024-01-15",
        }),
    };

    private static JsonObject Changed(JsonObject input, string field)
    {
        input[field] = "Changed by the matrix";
        return input;
    }

    private static JsonObject Seat(WriteWorld w, string country) => new()
    {
        ["partnership"] = w.PartnershipSlug,
        ["countryCode"] = country,
        ["role"] = "member",
        ["sources"] = Sources.DeepClone(),
    };

    private static JsonObject Agreement(WriteWorld w, string title) => new()
    {
        ["title"] = title,
        ["kind"] = "memorandumOfUnderstanding",
        ["status"] = "inForce",
        ["parties"] = new JsonArray(new JsonObject { ["name"] = "A party" }),
        ["partnerships"] = new JsonArray(w.PartnershipSlug),
        ["sources"] = Sources.DeepClone(),
    };

    private static JsonObject Goal(WriteWorld w, string statement) => new()
    {
        ["partnership"] = w.PartnershipSlug,
        ["statement"] = statement,
        ["indicator"] = "Things done",
        ["unit"] = "things",
        ["direction"] = "atLeast",
        ["target"] = 12,
        ["sources"] = Sources.DeepClone(),
    };

    private static HttpStatusCode? Expected(Rule rule, Caller caller) => caller switch
    {
        Caller.Anonymous or Caller.RevokedToken or Caller.ExpiredToken => HttpStatusCode.Unauthorized,
        Caller.Administrator => null,
        Caller.EditorOfThePartnership when rule is Rule.EditorsOfThePartnership or Rule.EditorsOfThePartnershipAndRepresentativesOfTheOrganisation => null,
        Caller.RepresentativeOfTheOrganisation when rule is Rule.RepresentativesOfTheOrganisation or Rule.EditorsOfThePartnershipAndRepresentativesOfTheOrganisation => null,
        _ => HttpStatusCode.Forbidden,
    };

    private HttpClient ClientOf(Caller caller, WriteWorld world, string administratorId)
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        return caller switch
        {
            Caller.Anonymous => factory.CreateClient(),
            Caller.Administrator => factory.CreateClientWithToken(factory.CreateToken(administratorId)),
            Caller.EditorOfThePartnership => factory.CreateClientAs(AccountRoles.Editor, partnerships: [world.PartnershipId]),
            Caller.EditorOfAnotherPartnership => factory.CreateClientAs(AccountRoles.Editor, partnerships: [world.OtherPartnershipId]),
            Caller.RepresentativeOfTheOrganisation => factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: world.OrganisationId),
            Caller.RepresentativeOfAnotherOrganisation => factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: world.OtherOrganisationId),
            // An administrator's tokens, so that only the token's state can explain a refusal.
            Caller.RevokedToken => factory.CreateClientWithToken(factory.CreateToken(administratorId, revokedAt: now.AddHours(-1))),
            Caller.ExpiredToken => factory.CreateClientWithToken(factory.CreateToken(administratorId, expiresAt: now.AddHours(-1))),
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, JsonObject? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = JsonContent.Create(body);
        // Preconditions are not what this test is about: any current version will do.
        if (method is "PUT" or "DELETE" || url.Contains("/merge-into/", StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation("If-Match", "*");
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public void Every_write_route_of_the_app_has_a_rule_here_and_every_rule_a_route()
    {
        var routes = WriteRoute.Of(factory).Select(r => r.ToString()).ToList();

        Assert.True(routes.Count >= 17, $"Only {routes.Count} write routes found: {string.Join(", ", routes)}");
        var unruled = routes.Where(r => !Rules.ContainsKey(r)).ToList();
        Assert.True(unruled.Count == 0, "Write routes with no rule in the authorization matrix (add one, with who may call it):\n" + string.Join("\n", unruled));
        var stale = Rules.Keys.Except(routes).ToList();
        Assert.True(stale.Count == 0, "Rules for routes the app no longer maps:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task Every_write_route_allows_exactly_the_callers_its_rule_names_and_refused_calls_change_nothing()
    {
        var administrator = factory.CreateAccount(AccountRoles.Administrator);
        var failures = new List<string>();
        var cells = 0;

        foreach (var route in WriteRoute.Of(factory).Where(r => Rules.ContainsKey(r.ToString())))
        {
            var rule = Rules[route.ToString()];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                cells++;
                var world = await WriteWorld.CreateAsync(factory, withGrant: route.Pattern.StartsWith("/api/v1/grants/", StringComparison.Ordinal),
                    withOutbreak: route.Pattern.StartsWith("/api/v1/outbreaks/", StringComparison.Ordinal));
                var client = ClientOf(caller, world, administrator.Id);
                var url = world.UrlFor(route.Pattern);
                var before = world.Snapshot(factory);

                var response = await SendAsync(client, route.Method, url, rule.Body(world));

                var after = world.Snapshot(factory);
                var cell = $"{route} as {caller} ({route.Method} {url})";
                var expected = Expected(rule.Rule, caller);
                if (expected is null)
                {
                    if (!response.IsSuccessStatusCode)
                        failures.Add($"{cell}: expected success, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                    else if (before == after)
                        failures.Add($"{cell}: answered {(int)response.StatusCode} but changed nothing");
                    continue;
                }
                if (response.StatusCode != expected)
                    failures.Add($"{cell}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{cell}: the {(int)expected} is not a problem document ({response.Content.Headers.ContentType})");
                else if (expected == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.All(h => h.Scheme != "Bearer"))
                    failures.Add($"{cell}: the 401 has no Bearer challenge");
                if (before != after) failures.Add($"{cell}: refused, yet the data changed:\n  before {before}\n  after  {after}");
            }
        }

        Assert.True(cells >= 17 * 8, $"Only {cells} cells were run.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells failed:\n" + string.Join("\n", failures));
    }
}
