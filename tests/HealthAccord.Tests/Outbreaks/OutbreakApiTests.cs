using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>The outbreak API of the clock's side: reading with the clock, answering, the convening and the close.</summary>
public sealed class OutbreakApiTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _reader = factory.CreateClient();

    private HttpClient RepresentativeOf(TestFunder funder) => factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: funder.OrganisationId);

    private HttpClient EditorOf(TestOutbreak outbreak) => factory.CreateClientAs(AccountRoles.Editor, partnerships: [outbreak.PartnershipId]);

    private static string AnswerUrl(TestOutbreak o, TestFunder f) => $"{o.ApiUrl}/responses/{f.ResponseId}";

    private static string RecordedUrl(TestOutbreak o, TestFunder f) => $"{o.ApiUrl}/responses/{f.ResponseId}/recorded";

    [Fact]
    public async Task The_list_puts_active_outbreaks_first_with_their_time_since_the_trigger()
    {
        var older = await OutbreakData.CreateAsync(factory, hoursAgo: 30);
        var closed = await OutbreakData.CreateAsync(factory, hoursAgo: 2);
        await (await EditorOf(closed).PostJsonAsync($"{closed.ApiUrl}/close", new JsonObject())).AssertStatusAsync(HttpStatusCode.OK);
        var newer = await OutbreakData.CreateAsync(factory, hoursAgo: 3);

        var list = (await _reader.GetFromJsonAsync<JsonArray>("/api/v1/outbreaks", Ct))!.Select(o => o!.AsObject()).ToList();
        var ids = list.Select(o => (int)o["id"]!).ToList();

        Assert.True(ids.IndexOf(newer.Id) < ids.IndexOf(older.Id), "The newer active outbreak comes first.");
        Assert.True(ids.IndexOf(older.Id) < ids.IndexOf(closed.Id), "Closed outbreaks come after the active ones.");
        var olderRow = list.Single(o => (int)o["id"]! == older.Id);
        Assert.Equal(30, (double)olderRow["hoursSinceTrigger"]!, 2);
        Assert.Equal("onTrack", (string?)olderRow["status"]);
        Assert.True((bool)olderRow["isActive"]!);
        Assert.False((bool)list.Single(o => (int)o["id"]! == closed.Id)["isActive"]!);
    }

    [Fact]
    public async Task One_outbreak_comes_with_its_clock_milestones_and_answers()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 40, funders: 3);

        var detail = await (await _reader.GetAsync(outbreak.ApiUrl, Ct)).ReadJsonObjectAsync();

        Assert.Equal(outbreak.Title, (string?)detail["title"]);
        Assert.Equal("Marburg virus disease", (string?)detail["pathogen"]);
        Assert.Equal("RW", (string?)detail["countries"]![0]!["code"]);
        Assert.Equal(outbreak.PartnershipSlug, (string?)detail["partnerships"]![0]!["slug"]);
        var clock = detail["clock"]!;
        Assert.Equal(40, (double)clock["hoursSinceTrigger"]!, 2);
        Assert.Equal(8, (double)clock["hoursLeft"]!, 2);
        Assert.Equal("atRisk", (string?)clock["status"]);
        var milestones = clock["milestones"]!.AsArray().ToDictionary(m => (string)m!["kind"]!, m => m!.AsObject());
        Assert.Equal("reachedOnTime", (string?)milestones["allFundersNotified"]["state"]);
        Assert.Equal(1, (double)milestones["allFundersNotified"]["hours"]!, 2);
        Assert.Equal("atRisk", (string?)milestones["quorumAcknowledged"]["state"]);
        Assert.Equal("0 of 2 acknowledgements needed", (string?)milestones["quorumAcknowledged"]["progress"]);
        Assert.Equal(3, detail["responses"]!.AsArray().Count);
        Assert.Equal("notified", (string?)detail["responses"]![0]!["steps"]![0]!["kind"]);
    }

    [Fact]
    public async Task An_unknown_outbreak_is_a_404_problem()
    {
        await (await _reader.GetAsync("/api/v1/outbreaks/999999", Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_representative_answers_each_answer_becomes_a_step_and_a_repeated_answer_adds_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var client = RepresentativeOf(funder);
        var answer = new JsonObject
        {
            ["willJoinConvening"] = true,
            ["commitment"] = "repurposedFunds",
            ["commitmentAmount"] = 250000,
            ["commitmentCurrency"] = "eur",
        };

        var detail = await (await client.PostJsonAsync(AnswerUrl(outbreak, funder), answer.DeepClone())).ReadJsonObjectAsync();

        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now, stored.AcknowledgedAt);
        Assert.True(stored.WillJoinConvening);
        Assert.Equal(CommitmentKind.RepurposedFunds, stored.Commitment);
        Assert.Equal(250000m, stored.CommitmentAmount);
        Assert.Equal("EUR", stored.CommitmentCurrency);
        Assert.Equal(now, stored.CommittedAt);
        var steps = stored.Steps.Where(s => s.Kind != ResponseStepKind.Notified).OrderBy(s => s.Id).ToList();
        Assert.Equal([ResponseStepKind.Acknowledged, ResponseStepKind.ConveningAnswered, ResponseStepKind.Committed], steps.Select(s => s.Kind));
        Assert.All(steps, s => Assert.Equal(ResponseChannel.Api, s.Channel));
        Assert.Equal("Re-purposed funds: 250,000 EUR", steps[2].Detail);
        var milestones = detail["clock"]!["milestones"]!.AsArray().ToDictionary(m => (string)m!["kind"]!, m => m!.AsObject());
        Assert.Equal("reachedOnTime", (string?)milestones["firstCommitment"]["state"]);
        Assert.Equal(5, (double)milestones["firstCommitment"]["hours"]!, 2);

        var changeSets = await ChangeSetsOfAsync(funder.ResponseId);
        await (await client.PostJsonAsync(AnswerUrl(outbreak, funder), answer.DeepClone())).AssertStatusAsync(HttpStatusCode.OK);

        var again = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(stored.Version, again.Version);
        Assert.Equal(stored.Steps.Count, again.Steps.Count);
        Assert.Equal(changeSets, await ChangeSetsOfAsync(funder.ResponseId));
    }

    [Fact]
    public async Task Refining_a_commitment_keeps_its_time_and_each_answer_is_one_recorded_change()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[1];
        var client = RepresentativeOf(funder);
        await (await client.PostJsonAsync(AnswerUrl(outbreak, funder), new JsonObject { ["commitment"] = "newCall" })).AssertStatusAsync(HttpStatusCode.OK);
        var first = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(1, await ChangeSetsOfAsync(funder.ResponseId));

        // The factory's clock only moves forward; every test here reads times relative to it.
        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await (await client.PostJsonAsync(AnswerUrl(outbreak, funder), new JsonObject
        {
            ["commitment"] = "newCall",
            ["commitmentUrl"] = "https://funder.example.org/calls/marburg",
            ["commitmentAmount"] = 1500000,
            ["commitmentCurrency"] = "USD",
        })).AssertStatusAsync(HttpStatusCode.OK);

        var refined = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(first.CommittedAt, refined.CommittedAt);
        Assert.Equal("https://funder.example.org/calls/marburg", refined.CommitmentUrl);
        Assert.Equal(2, refined.Steps.Count(s => s.Kind == ResponseStepKind.Committed));
        Assert.Equal(2, await ChangeSetsOfAsync(funder.ResponseId));
        var latest = await OutbreakData.ReadAsync(factory, db => db.RecordChanges.AsNoTracking()
            .Where(r => r.RecordType == RecordType.OutbreakResponse && r.RecordId == funder.ResponseId).OrderByDescending(r => r.Id).FirstAsync(Ct));
        Assert.Contains("commitmentUrl", latest.Fields);
        Assert.Contains(funder.Name, latest.Label);
    }

    [Fact]
    public async Task Bad_answers_are_validation_problems_naming_their_fields_and_change_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var client = RepresentativeOf(funder);

        async Task<IReadOnlyCollection<string>> FieldsOf(JsonObject body) => await (await client.PostJsonAsync(AnswerUrl(outbreak, funder), body)).ReadErrorFieldsAsync();

        Assert.Equal(["commitmentCurrency"], await FieldsOf(new() { ["commitment"] = "repurposedFunds", ["commitmentAmount"] = 10, ["commitmentCurrency"] = "XYZ" }));
        Assert.Equal(["commitmentAmount"], await FieldsOf(new() { ["commitment"] = "repurposedFunds" }));
        Assert.Equal(["commitmentAmount"], await FieldsOf(new() { ["commitment"] = "repurposedFunds", ["commitmentAmount"] = -5, ["commitmentCurrency"] = "EUR" }));
        Assert.Equal(["commitmentNote"], await FieldsOf(new() { ["commitment"] = "inKind" }));
        Assert.Equal(["commitmentUrl"], await FieldsOf(new() { ["commitment"] = "newCall", ["commitmentUrl"] = "ftp://nowhere" }));
        Assert.Equal(["commitment"], await FieldsOf(new() { ["commitment"] = "lots" }));
        Assert.Equal(["acknowledged"], await FieldsOf(new()));
        Assert.Equal(["acknowledged"], await FieldsOf(new() { ["acknowledged"] = false }));

        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal(1, stored.Version);
        Assert.Equal(0, await ChangeSetsOfAsync(funder.ResponseId));
    }

    [Fact]
    public async Task Only_the_funders_representative_or_an_administrator_answers_for_it()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var (mine, theirs) = (outbreak.Funders[0], outbreak.Funders[1]);
        var body = new JsonObject { ["acknowledged"] = true };

        await (await RepresentativeOf(mine).PostJsonAsync(AnswerUrl(outbreak, theirs), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await EditorOf(outbreak).PostJsonAsync(AnswerUrl(outbreak, theirs), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _reader.PostJsonAsync(AnswerUrl(outbreak, theirs), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await RepresentativeOf(mine).PostJsonAsync($"{outbreak.ApiUrl}/responses/999999", body.DeepClone())).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await OutbreakData.ResponseAsync(factory, theirs.ResponseId)).AcknowledgedAt);

        await (await factory.CreateAdministratorClient().PostJsonAsync(AnswerUrl(outbreak, theirs), body.DeepClone())).AssertStatusAsync(HttpStatusCode.OK);
        Assert.NotNull((await OutbreakData.ResponseAsync(factory, theirs.ResponseId)).AcknowledgedAt);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_saves_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];

        await (await RepresentativeOf(funder).PostJsonAsync(AnswerUrl(outbreak, funder), new JsonObject { ["acknowledged"] = true, ["version"] = 7 }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        await (await EditorOf(outbreak).PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject { ["version"] = 99 })).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Null((await OutbreakData.ResponseAsync(factory, funder.ResponseId)).AcknowledgedAt);
        Assert.Null((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ClosedAt);
    }

    [Fact]
    public async Task Closing_stops_the_clock_and_answers_and_changes_after_it_are_refused()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 10);
        var editor = EditorOf(outbreak);

        var closed = await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject())).ReadJsonObjectAsync();

        Assert.True((bool)closed["clock"]!["stopped"]!);
        Assert.Equal("missed", (string?)closed["clock"]!["status"]);
        var funder = outbreak.Funders[0];
        var refused = await (await RepresentativeOf(funder).PostJsonAsync(AnswerUrl(outbreak, funder), new JsonObject { ["acknowledged"] = true }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", (string?)refused["detail"]);
        await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/convening", new JsonObject { ["convenedAt"] = "2026-11-28T10:00:00Z" }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject())).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Null((await OutbreakData.ResponseAsync(factory, funder.ResponseId)).AcknowledgedAt);
        Assert.Null((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ConvenedAt);
    }

    [Fact]
    public async Task Only_editors_of_a_concerned_partnership_steer_the_response()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var stranger = factory.CreateClientAs(AccountRoles.Editor, partnerships: [(await OutbreakData.CreateAsync(factory)).PartnershipId]);

        await (await stranger.PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await RepresentativeOf(outbreak.Funders[0]).PostJsonAsync($"{outbreak.ApiUrl}/convening", new JsonObject { ["convenedAt"] = "2026-11-28T10:00:00Z" }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Null((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ClosedAt);
    }

    [Fact]
    public async Task A_convening_before_the_trigger_or_in_the_future_is_refused()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 5);
        var editor = EditorOf(outbreak);

        async Task<IReadOnlyCollection<string>> FieldsOf(JsonObject body) => await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/convening", body)).ReadErrorFieldsAsync();

        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(["convenedAt"], await FieldsOf(new() { ["convenedAt"] = now.AddHours(-6) }));
        Assert.Equal(["convenedAt"], await FieldsOf(new() { ["convenedAt"] = now.AddHours(1) }));
        Assert.Equal(["convenedAt"], await FieldsOf(new() { ["note"] = "No time given" }));
        Assert.Null((await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ConvenedAt);
    }

    [Fact]
    public async Task The_convening_feeds_glopid_rs_goal_and_a_corrected_time_corrects_the_measurement()
    {
        var glopid = await OutbreakData.ReadAsync(factory, db => db.Partnerships.SingleAsync(p => p.Slug == "glopid-r", Ct));
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 40, partnershipSlug: "glopid-r");
        var editor = factory.CreateClientAs(AccountRoles.Editor, partnerships: [glopid.Id]);

        var trigger = (await OutbreakData.OutbreakAsync(factory, outbreak.Id)).TriggeredAt;
        var detail = await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/convening",
            new JsonObject { ["convenedAt"] = trigger.AddHours(31.5), ["note"] = "Twelve funders met by video" })).ReadJsonObjectAsync();

        Assert.Equal("reachedOnTime", (string?)detail["clock"]!["milestones"]![2]!["state"]);
        Assert.Equal(31.5, (double)detail["clock"]!["milestones"]![2]!["hours"]!, 2);
        var measurement = await MeasurementOfAsync(outbreak.Id);
        Assert.Equal(31.5m, measurement.Value);
        Assert.StartsWith("31.5 hours from trigger to funders' convening", measurement.ValueText);
        Assert.EndsWith($"/outbreaks/{outbreak.Id}", measurement.SourceUrl);
        Assert.Equal(DateOnly.FromDateTime(trigger.AddHours(31.5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            measurement.MeasuredOn?.ToString());

        await (await editor.PostJsonAsync($"{outbreak.ApiUrl}/convening", new JsonObject { ["convenedAt"] = trigger.AddHours(38) }))
            .AssertStatusAsync(HttpStatusCode.OK);

        var corrected = await MeasurementOfAsync(outbreak.Id);
        Assert.Equal(measurement.Id, corrected.Id);
        Assert.Equal(38m, corrected.Value);
        var goal = await (await _reader.GetAsync("/api/v1/partnerships/glopid-r", Ct)).ReadJsonObjectAsync();
        Assert.Contains(goal["goals"]?.AsArray() ?? [], g => g!["measurements"]?.AsArray().Any(m => ((string?)m!["valueText"])?.StartsWith("38 hours from trigger", StringComparison.Ordinal) == true) == true);
        var history = await OutbreakData.ReadAsync(factory, db => db.RecordChanges.AsNoTracking()
            .Where(r => r.RecordType == RecordType.Outbreak && r.RecordId == outbreak.Id).CountAsync(Ct));
        Assert.Equal(2, history);
    }

    private Task<HealthAccord.Data.Registry.Measurement> MeasurementOfAsync(int outbreakId) =>
        OutbreakData.ReadAsync(factory, db => db.Measurements.AsNoTracking().SingleAsync(m => m.OutbreakId == outbreakId, Ct));

    private Task<int> ChangeSetsOfAsync(int responseId) =>
        OutbreakData.ReadAsync(factory, db => db.RecordChanges.CountAsync(r => r.RecordType == RecordType.OutbreakResponse && r.RecordId == responseId, Ct));

    [Fact]
    public async Task An_editor_of_the_partnership_writes_down_an_answer_given_by_email_and_others_may_not()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var body = new JsonObject { ["channel"] = "email", ["willJoinConvening"] = true, ["commitment"] = "inKind", ["commitmentNote"] = "Sequencing capacity" };

        await (await RepresentativeOf(funder).PostJsonAsync(RecordedUrl(outbreak, funder), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Forbidden);
        var elsewhere = await OutbreakData.CreateAsync(factory);
        await (await EditorOf(elsewhere).PostJsonAsync(RecordedUrl(outbreak, funder), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _reader.PostJsonAsync(RecordedUrl(outbreak, funder), body.DeepClone())).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var detail = await (await EditorOf(outbreak).PostJsonAsync(RecordedUrl(outbreak, funder), body.DeepClone())).ReadJsonObjectAsync();

        var answered = detail["responses"]!.AsArray().Single(r => (int)r!["id"]! == funder.ResponseId)!;
        Assert.True((bool)answered["willJoinConvening"]!);
        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(CommitmentKind.InKind, stored.Commitment);
        var steps = stored.Steps.Where(s => s.Kind != ResponseStepKind.Notified).ToList();
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Equal(ResponseChannel.Email, s.Channel));
    }

    [Fact]
    public async Task A_recorded_answer_without_its_channel_is_refused_with_the_answer_s_own_problems_and_a_closed_outbreak_with_409()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];

        var invalid = await (await EditorOf(outbreak).PostJsonAsync(RecordedUrl(outbreak, funder),
            new JsonObject { ["channel"] = "fax", ["commitment"] = "repurposedFunds" })).ReadProblemAsync(HttpStatusCode.BadRequest);
        var errors = invalid["errors"]!.AsObject();
        Assert.Contains("channel", errors.Select(e => e.Key));
        Assert.Contains("commitmentAmount", errors.Select(e => e.Key));
        Assert.Null((await OutbreakData.ResponseAsync(factory, funder.ResponseId)).AcknowledgedAt);

        await (await EditorOf(outbreak).PostJsonAsync($"{outbreak.ApiUrl}/close", new JsonObject())).AssertStatusAsync(HttpStatusCode.OK);
        await (await EditorOf(outbreak).PostJsonAsync(RecordedUrl(outbreak, funder), new JsonObject { ["acknowledged"] = true }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
    }
}
