using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Editing;

/// <summary>
/// PUT /api/v1/grants/{id}: the fields are checked as an import checks a row, the derived values (euros, pathogen
/// tags, links) follow the edit, the search index finds the new text, the history holds one change with the field
/// differences, and stale or refused edits change nothing.
/// </summary>
public sealed class GrantEditApiTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _admin = factory.CreateAdministratorClient();
    private readonly HttpClient _reader = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> PutAsync(HttpClient client, EditableGrant grant, JsonObject input, string? ifMatch = "current")
    {
        if (ifMatch == "current") (_, ifMatch) = await _reader.GetWithETagAsync(grant.ApiUrl);
        return await client.PutJsonAsync(grant.ApiUrl, input, ifMatch);
    }

    [Fact]
    public async Task An_edit_converts_the_amount_again_at_the_award_dates_rate_retags_and_is_found_by_search()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var newWord = "zq" + Guid.NewGuid().ToString("N")[..10];

        var response = await PutAsync(_admin, grant, grant.Input(i =>
        {
            i["title"] = $"Malaria vaccine trial {newWord}";
            i["currency"] = "usd";
            i["amountAwarded"] = 250_000;
            // A Sunday: the rate is the Friday's.
            i["awardDate"] = "2024-03-03";
            i["countries"] = new JsonArray("ug", "KE");
        }));

        var body = await response.ReadJsonObjectAsync();
        Assert.Equal($"Malaria vaccine trial {newWord}", (string?)body["title"]);
        Assert.Equal("USD", (string?)body["currency"]);
        Assert.Equal("2024-03-01", (string?)body["eurRateDate"]);
        var rate = (decimal)body["eurRate"]!;
        Assert.InRange(rate, 1.0m, 1.2m);
        Assert.Equal(Math.Round(250_000m / rate, 2, MidpointRounding.AwayFromZero), (decimal)body["amountEur"]!);
        Assert.Equal(["malaria"], body["pathogens"]!.AsArray().Select(p => (string?)p!["pathogen"]));
        Assert.Equal(["KE", "UG"], body["countries"]!.AsArray().Select(c => (string?)c!["code"]));
        Assert.Equal(2, (int)body["version"]!);
        Assert.NotNull(response.Headers.ETag);

        var found = await _reader.GetJsonAsync($"/api/v1/grants?q={newWord}");
        Assert.Equal([grant.Id], found.Items().Select(i => (long)i!["id"]!));
        Assert.Equal("USD", (string?)found.Items()[0]!["currency"]);
        Assert.Equal(0, (int)(await _reader.GetJsonAsync($"/api/v1/grants?q={grant.Word}"))["total"]!);
    }

    [Fact]
    public async Task An_edit_is_one_change_in_the_grants_history_with_each_changed_field_old_and_new()
    {
        var grant = await EditableGrant.CreateAsync(factory);

        await (await PutAsync(_admin, grant, grant.Input(i =>
        {
            i["title"] = $"Ward hygiene study {grant.Word}";
            i["plannedEnd"] = "2026-06-30";
        }))).AssertStatusAsync(HttpStatusCode.OK);

        var history = await _reader.GetJsonAsync($"{grant.ApiUrl}/history");
        var change = Assert.Single(history.Items());
        Assert.Equal("api", (string?)change!["source"]);
        var record = Assert.Single(change["records"]!.AsArray());
        Assert.Equal("grant", (string?)record!["recordType"]);
        Assert.Equal("updated", (string?)record["kind"]);
        var fields = record["fields"]!.AsArray().ToDictionary(f => (string)f!["field"]!, f => f!.AsObject());
        Assert.Equal(["title", "plannedEnd"], fields.Keys);
        Assert.Equal($"Hospital ward study {grant.Word}", (string?)fields["title"]["old"]);
        Assert.Equal($"Ward hygiene study {grant.Word}", (string?)fields["title"]["new"]);
        Assert.Equal("28 February 2026", (string?)fields["plannedEnd"]["old"]);
        Assert.Equal("30 June 2026", (string?)fields["plannedEnd"]["new"]);
    }

    [Fact]
    public async Task Sending_the_same_values_again_saves_nothing_and_records_nothing()
    {
        var grant = await EditableGrant.CreateAsync(factory);

        await (await PutAsync(_admin, grant, grant.Input())).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal(1, grant.VersionIn(factory));
        Assert.Equal(0, (int)(await _reader.GetJsonAsync($"{grant.ApiUrl}/history"))["total"]!);
    }

    public static TheoryData<string, string, JsonNode?> BadFields => new()
    {
        { "currency", "currency", "XYZ" },
        { "currency", "currency", null },
        { "amountAwarded", "amountAwarded", -1 },
        { "amountAwarded", "amountAwarded", 10_000_000_000_000m },
        { "awardDate", "awardDate", "15/01/2024" },
        { "awardDate", "awardDate", null },
        { "plannedStart", "plannedStart", "2024-02-30" },
        { "plannedEnd", "plannedEnd", "2024-02-01" },
        { "title", "title", "  " },
        { "countries", "countries[0]", new JsonArray("XX") },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_a_validation_problem_naming_it_and_nothing_changes(string field, string errorKey, JsonNode? value)
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var before = await _reader.GetJsonAsync(grant.ApiUrl);

        var response = await PutAsync(_admin, grant, grant.Input(i => i[field] = value?.DeepClone()));

        Assert.Equal([errorKey], await response.ReadErrorFieldsAsync());
        Assert.Equal(before.ToJsonString(), (await _reader.GetJsonAsync(grant.ApiUrl)).ToJsonString());
        Assert.Equal(0, (int)(await _reader.GetJsonAsync($"{grant.ApiUrl}/history"))["total"]!);
    }

    [Fact]
    public async Task A_stale_or_missing_etag_and_a_stale_version_are_refused_as_problems()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var (_, oldETag) = await _reader.GetWithETagAsync(grant.ApiUrl);
        await (await PutAsync(_admin, grant, grant.Input(i => i["topic"] = "First edit"))).AssertStatusAsync(HttpStatusCode.OK);

        var stale = await PutAsync(_admin, grant, grant.Input(i => i["topic"] = "Second edit"), oldETag);
        var missing = await PutAsync(_admin, grant, grant.Input(i => i["topic"] = "Second edit"), null);
        var staleVersion = await PutAsync(_admin, grant, grant.Input(i =>
        {
            i["topic"] = "Second edit";
            i["version"] = 1;
        }));

        await stale.ReadProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.ReadProblemAsync((HttpStatusCode)428);
        var conflict = await staleVersion.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(2, (int)conflict["currentVersion"]!);
        Assert.Equal("First edit", (string?)(await _reader.GetJsonAsync(grant.ApiUrl))["topic"]);
        Assert.Equal(2, grant.VersionIn(factory));
    }

    [Fact]
    public async Task An_unknown_grant_is_a_404_problem()
    {
        var grant = await EditableGrant.CreateAsync(factory);

        var response = await _admin.PutJsonAsync("/api/v1/grants/987654321", grant.Input(), "*");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_representative_edits_the_grants_their_organisation_funds_and_no_others()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        var other = await EditableGrant.CreateAsync(factory);
        var representative = factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: grant.FunderId);

        await (await PutAsync(representative, grant, grant.Input(i => i["call"] = "Corrected call"))).AssertStatusAsync(HttpStatusCode.OK);
        var refused = await PutAsync(representative, other, other.Input(i => i["call"] = "Corrected call"));

        await refused.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, other.VersionIn(factory));
    }

    [Fact]
    public async Task A_grant_edit_is_not_reverted_from_the_history()
    {
        var grant = await EditableGrant.CreateAsync(factory);
        await (await PutAsync(_admin, grant, grant.Input(i => i["topic"] = "An edited topic"))).AssertStatusAsync(HttpStatusCode.OK);
        var changeId = (long)(await _reader.GetJsonAsync($"{grant.ApiUrl}/history")).Items()[0]!["id"]!;

        var response = await _admin.PostJsonAsync($"/api/v1/history/changes/{changeId}/revert", new JsonObject());

        var problem = await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("editing the grant again", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal("An edited topic", (string?)(await _reader.GetJsonAsync(grant.ApiUrl))["topic"]);
    }
}
