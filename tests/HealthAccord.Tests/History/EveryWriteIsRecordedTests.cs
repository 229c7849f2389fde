using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Grants.Editing;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Outbreaks;
using HealthAccord.Tests.Partnerships;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.History;

/// <summary>
/// Every write route the running app maps under /api/v1 (read from its endpoints, not listed here) leaves exactly one
/// change set when it succeeds, naming the records and fields it changed. A new write route fails this test until it
/// has a case below, so no write can slip past the history unnoticed.
/// </summary>
public sealed class EveryWriteIsRecordedTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HistoryAuthor _author = factory.CreateAuthor(displayName: "Every Write");

    private HttpClient Writer => _author.Api;

    /// <summary>What the newest change set must hold: its first record's type and kind, and exactly these changed fields for an update.</summary>
    /// <remarks>A null id stands for the record a create makes, whose id is not known beforehand.</remarks>
    /// <remarks>An action that changes no registry record (sending an alert again) has no records and is checked by its summary.</remarks>
    private sealed record Expected(string RecordType, int? RecordId, string Kind, string[]? Fields = null, int Records = 1, string Source = "api",
        string? Summary = null);

    /// <summary>Prepares what the write needs (which may itself be recorded) and returns the write to check, with what it must leave.</summary>
    private delegate Task<(Func<Task<HttpResponseMessage>> Write, Expected Expected)> Case(HistoryWorld world);

    private Dictionary<string, Case> Cases => new(StringComparer.Ordinal)
    {
        ["POST /api/v1/partnerships/"] = _ => Ready(
            () => Writer.PostJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(PartnershipData.UniqueSlug())),
            new Expected("partnership", null, "created")),
        ["PUT /api/v1/partnerships/{slug}"] = async w =>
        {
            var (_, etag) = await PartnershipData.GetAsync(_reader, w.Slug);
            var input = PartnershipData.ValidInput(w.Slug);
            input["mission"] = "A changed mission";
            return (() => PartnershipData.PutAsync(Writer, w.Slug, input, etag), new Expected("partnership", w.PartnershipId, "updated", ["mission"]));
        },
        // Its membership and goal go with it, and its agreement loses the link: four records, one change.
        ["DELETE /api/v1/partnerships/{slug}"] = w => DeleteAsync($"/api/v1/partnerships/{w.Slug}",
            new Expected("partnership", w.PartnershipId, "deleted", Records: 4)),
        ["POST /api/v1/organisations/"] = _ => Ready(
            () => Writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName())),
            new Expected("organisation", null, "created")),
        ["PUT /api/v1/organisations/{id:int}"] = async w =>
        {
            var url = $"/api/v1/organisations/{w.OrganisationId}";
            var (current, etag) = await _reader.GetWithETagAsync(url);
            var input = OrganisationData.ValidInput((string)current["name"]!);
            input["acronym"] = "CHGD";
            return (() => Writer.PutJsonAsync(url, input, etag), new Expected("organisation", w.OrganisationId, "updated", ["acronym"]));
        },
        // The world's organisation holds a seat, so a free one is made first.
        ["DELETE /api/v1/organisations/{id:int}"] = async _ =>
        {
            var organisation = await OrganisationData.CreateAsync(Writer);
            return await DeleteAsync(OrganisationData.Url(organisation), new Expected("organisation", (int)organisation["id"]!, "deleted"));
        },
        ["POST /api/v1/memberships/"] = w => Ready(
            () => Writer.PostJsonAsync("/api/v1/memberships", HistoryWorld.Membership(w.Slug, w.OrganisationId, "chair")),
            new Expected("membership", null, "created")),
        ["PUT /api/v1/memberships/{id:int}"] = async w =>
        {
            var url = $"/api/v1/memberships/{w.MembershipId}";
            var (_, etag) = await _reader.GetWithETagAsync(url);
            return (() => Writer.PutJsonAsync(url, HistoryWorld.Membership(w.Slug, w.OrganisationId, "observer"), etag),
                new Expected("membership", w.MembershipId, "updated", ["role"]));
        },
        ["DELETE /api/v1/memberships/{id:int}"] = w => DeleteAsync($"/api/v1/memberships/{w.MembershipId}",
            new Expected("membership", w.MembershipId, "deleted")),
        ["POST /api/v1/agreements/"] = w => Ready(
            () => Writer.PostJsonAsync("/api/v1/agreements", HistoryWorld.Agreement(w.Slug, "A second memorandum")),
            new Expected("agreement", null, "created")),
        ["PUT /api/v1/agreements/{id:int}"] = async w =>
        {
            var url = $"/api/v1/agreements/{w.AgreementId}";
            var (_, etag) = await _reader.GetWithETagAsync(url);
            var input = HistoryWorld.Agreement(w.Slug, "A memorandum of the world");
            input["parties"]!.AsArray().Add(new JsonObject { ["name"] = "A third party" });
            return (() => Writer.PutJsonAsync(url, input, etag), new Expected("agreement", w.AgreementId, "updated", ["parties"]));
        },
        ["DELETE /api/v1/agreements/{id:int}"] = w => DeleteAsync($"/api/v1/agreements/{w.AgreementId}",
            new Expected("agreement", w.AgreementId, "deleted")),
        // The outbreak is the record; its funders' response records and alerts are not registry records and are not listed.
        ["POST /api/v1/outbreaks/"] = w => Ready(
            () => Writer.PostJsonAsync("/api/v1/outbreaks", HealthAccord.Tests.Outbreaks.Notifications.FunderWorld.Declare("A recorded outbreak", w.Slug)),
            new Expected("outbreak", null, "created")),
        ["POST /api/v1/goals/"] = w => Ready(
            () => Writer.PostJsonAsync("/api/v1/goals", HistoryWorld.Goal(w.Slug, "Another goal")),
            new Expected("goal", null, "created")),
        ["PUT /api/v1/goals/{id:int}"] = async w =>
        {
            var url = $"/api/v1/goals/{w.GoalId}";
            var (_, etag) = await _reader.GetWithETagAsync(url);
            var input = HistoryWorld.Goal(w.Slug, "Reach twelve things");
            input["target"] = 15;
            return (() => Writer.PutJsonAsync(url, input, etag), new Expected("goal", w.GoalId, "updated", ["target"]));
        },
        ["DELETE /api/v1/goals/{id:int}"] = w => DeleteAsync($"/api/v1/goals/{w.GoalId}", new Expected("goal", w.GoalId, "deleted")),
        ["POST /api/v1/goals/{id:int}/measurements"] = w => Ready(
            () => Writer.PostJsonAsync($"/api/v1/goals/{w.GoalId}/measurements", HistoryWorld.Measurement("2025", 9)),
            new Expected("goal", w.GoalId, "updated", ["measurements"])),
        ["DELETE /api/v1/goals/{id:int}/measurements/{measurementId:int}"] = w => Ready(
            () => Writer.DeleteAsync($"/api/v1/goals/{w.GoalId}/measurements/{w.MeasurementId}", TestContext.Current.CancellationToken),
            new Expected("goal", w.GoalId, "updated", ["measurements"])),
        ["POST /api/v1/history/changes/{id:long}/revert"] = async w =>
        {
            var url = $"/api/v1/memberships/{w.MembershipId}";
            var (_, etag) = await _reader.GetWithETagAsync(url);
            await (await Writer.PutJsonAsync(url, HistoryWorld.Membership(w.Slug, w.OrganisationId, "associate"), etag)).AssertStatusAsync(HttpStatusCode.OK);
            var change = (long)(await HistoryData.ChangesOfAsync(Writer, "membership", w.MembershipId))[0]!["id"]!;
            return (() => HistoryData.RevertAsync(Writer, change), new Expected("membership", w.MembershipId, "updated", ["role"], Source: "revert"));
        },
        ["POST /api/v1/organisations/{id:int}/reviewed"] = async _ =>
        {
            var input = OrganisationData.ValidInput(OrganisationData.UniqueName());
            var organisation = await OrganisationData.CreateAsync(Writer, input);
            var id = (int)organisation["id"]!;
            using (var scope = factory.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HealthAccord.Data.HealthAccordDbContext>();
                db.Organisations.Single(o => o.Id == id).NeedsReview = true;
                db.SaveChanges();
            }
            return (() => Writer.PostJsonAsync($"/api/v1/organisations/{id}/reviewed", new JsonObject()), new Expected("organisation", id, "updated", ["needsReview"]));
        },
        // The duplicate goes, the kept one gains its alias: two records, one change.
        ["POST /api/v1/organisations/{id:int}/merge-into/{targetId:int}"] = async _ =>
        {
            var duplicate = await OrganisationData.CreateAsync(Writer);
            var kept = await OrganisationData.CreateAsync(Writer);
            var (_, etag) = await _reader.GetWithETagAsync(OrganisationData.Url(duplicate));
            return (async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{OrganisationData.Url(duplicate)}/merge-into/{(int)kept["id"]!}");
                request.Headers.TryAddWithoutValidation("If-Match", etag);
                return await Writer.SendAsync(request, TestContext.Current.CancellationToken);
            }, new Expected("organisation", (int)duplicate["id"]!, "deleted", Records: 2));
        },
        ["PUT /api/v1/grants/{id:long}"] = async _ =>
        {
            var grant = await EditableGrant.CreateAsync(factory);
            var (_, etag) = await _reader.GetWithETagAsync(grant.ApiUrl);
            return (() => Writer.PutJsonAsync(grant.ApiUrl, grant.Input(i => i["topic"] = "A topic given by hand"), etag),
                new Expected("grant", (int)grant.Id, "updated", ["topic"]));
        },
        ["POST /api/v1/outbreaks/{id:int}/convening"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId]);
            var body = new JsonObject { ["convenedAt"] = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1), ["note"] = "Met by video" };
            return (() => Writer.PostJsonAsync($"{outbreak.ApiUrl}/convening", body),
                new Expected("outbreak", outbreak.Id, "updated", ["convenedAt", "conveningNote"]));
        },
        ["DELETE /api/v1/outbreaks/{id:int}/convening"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId], convenedHoursAgo: 1);
            return (() => Writer.DeleteAsync($"{outbreak.ApiUrl}/convening", TestContext.Current.CancellationToken),
                new Expected("outbreak", outbreak.Id, "updated", ["convenedAt", "conveningNote"]));
        },
        ["POST /api/v1/outbreaks/{id:int}/close"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId]);
            return (() => Writer.PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject()), new Expected("outbreak", outbreak.Id, "updated", ["closedAt"]));
        },
        ["POST /api/v1/outbreaks/{id:int}/responses/{responseId:int}"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId]);
            var response = outbreak.Funders[0].ResponseId;
            return (() => Writer.PostJsonAsync($"{outbreak.ApiUrl}/responses/{response}", new JsonObject { ["willJoinConvening"] = true }),
                new Expected("outbreakResponse", response, "updated", ["acknowledgedAt", "willJoinConvening"]));
        },
        ["POST /api/v1/outbreaks/{id:int}/responses/{responseId:int}/recorded"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId]);
            var response = outbreak.Funders[0].ResponseId;
            return (() => Writer.PostJsonAsync($"{outbreak.ApiUrl}/responses/{response}/recorded",
                    new JsonObject { ["channel"] = "phone", ["willJoinConvening"] = false }),
                new Expected("outbreakResponse", response, "updated", ["acknowledgedAt", "willJoinConvening"]));
        },
        ["POST /api/v1/outbreaks/{id:int}/deliveries/{messageId:long}/send-again"] = async w =>
        {
            var outbreak = await OutbreakData.CreateAsync(factory, partnershipSlug: w.Slug, organisationIds: [w.OrganisationId]);
            var alert = await Outbreaks.Notifications.TestAlerts.AddAsync(factory, outbreak.Id, outbreak.Funders[0].ResponseId);
            return (() => Writer.PostAsync($"{outbreak.ApiUrl}/deliveries/{alert}/send-again", null, TestContext.Current.CancellationToken),
                new Expected("", null, "", Records: 0, Summary: $"Sent the email alert to {outbreak.Funders[0].Name} about {outbreak.Title} again"));
        },
    };

    private static Task<(Func<Task<HttpResponseMessage>> Write, Expected Expected)> Ready(Func<Task<HttpResponseMessage>> write, Expected expected) =>
        Task.FromResult((write, expected));

    private async Task<(Func<Task<HttpResponseMessage>> Write, Expected Expected)> DeleteAsync(string url, Expected expected)
    {
        var (_, etag) = await _reader.GetWithETagAsync(url);
        return (() => Writer.DeleteWithIfMatchAsync(url, etag), expected);
    }

    private List<string> WriteRoutes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Intersect(WriteMethods)
                .Select(method => $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private async Task<int> ChangeCountAsync() => (int)(await Writer.GetJsonAsync("/api/v1/history?pageSize=1"))["total"]!;

    [Fact]
    public async Task Every_write_route_records_exactly_one_change_set_with_the_records_and_fields_it_changed()
    {
        var routes = WriteRoutes();
        Assert.True(routes.Count >= 18, $"Only {routes.Count} write routes found: {string.Join(", ", routes)}");
        var failures = new List<string>();

        foreach (var route in routes)
        {
            if (!Cases.TryGetValue(route, out var prepare))
            {
                failures.Add($"{route}: this test has no case for it; add one so its history is checked.");
                continue;
            }
            var (write, expected) = await prepare(await HistoryWorld.CreateAsync(Writer));
            var before = await ChangeCountAsync();
            var response = await write();
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{route}: the write itself failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
                continue;
            }
            var after = await ChangeCountAsync();
            if (after - before != 1)
            {
                failures.Add($"{route}: {after - before} change set(s) recorded instead of 1.");
                continue;
            }
            var newest = (await Writer.GetJsonAsync("/api/v1/history?pageSize=1")).Items()[0]!;
            var problem = Check(newest, expected, _author);
            if (problem is not null) failures.Add($"{route}: {problem}");
        }

        Assert.True(failures.Count == 0, "Writes whose history is wrong:\n" + string.Join("\n", failures));
    }

    private static string? Check(JsonNode change, Expected expected, HistoryAuthor author)
    {
        if ((string?)change["source"] != expected.Source) return $"source {change["source"]}, expected {expected.Source}";
        if ((string?)change["actor"]?["id"] != author.Account.Id || (string?)change["actor"]?["name"] != author.Name)
            return $"actor {change["actor"]?.ToJsonString()}";
        var records = change["records"]!.AsArray();
        if (records.Count != expected.Records || (int)change["recordCount"]! != expected.Records)
            return $"{records.Count} record(s): {records.ToJsonString()}";
        if (expected.Records == 0)
            return (string?)change["summary"] == expected.Summary ? null : $"summary '{change["summary"]}', expected '{expected.Summary}'";
        var first = records.FirstOrDefault(r => (string?)r!["recordType"] == expected.RecordType
            && (expected.RecordId is null || (int)r["recordId"]! == expected.RecordId));
        if (first is null) return $"no {expected.RecordType} {expected.RecordId} among {records.ToJsonString()}";
        if ((string?)first["kind"] != expected.Kind) return $"kind {first["kind"]}, expected {expected.Kind}";
        var fields = first["fields"]!.AsArray().Select(f => (string)f!["field"]!).Order(StringComparer.Ordinal).ToList();
        if (expected.Fields is { } wanted && !fields.SequenceEqual(wanted.Order(StringComparer.Ordinal)))
            return $"fields [{string.Join(", ", fields)}], expected [{string.Join(", ", wanted)}]";
        if (expected.Kind != "updated" && fields.Count == 0) return "a created or deleted record lists none of its values";
        return null;
    }
}
