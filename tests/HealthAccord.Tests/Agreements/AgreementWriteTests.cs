using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Agreements;

/// <summary>
/// Creating and changing agreements. Each test links its agreements to a partnership of its own, so lists filtered
/// by that partnership hold exactly what the test made.
/// </summary>
public sealed class AgreementWriteTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    private async Task<string> NewPartnershipAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        return slug;
    }

    private static JsonObject ValidInput(string partnership, params JsonObject[] parties) => new()
    {
        ["title"] = $"Memorandum of understanding for {partnership}",
        ["kind"] = "memorandumOfUnderstanding",
        ["status"] = "inForce",
        ["statusNote"] = "signed by both parties",
        ["signed"] = "2019-05-14",
        ["enteredIntoForce"] = "2019-06",
        ["expires"] = "2029",
        ["renewalNote"] = "Renewable for five years.",
        ["scope"] = "Joint calls in a test domain.",
        ["parties"] = new JsonArray(parties.Length > 0
            ? parties.Select(p => (JsonNode)p).ToArray()
            : [new JsonObject { ["countryCode"] = "EU" }, new JsonObject { ["name"] = "Government of Norway", ["countryCode"] = "NO" }]),
        ["documents"] = new JsonArray(new JsonObject { ["title"] = "Signed text", ["url"] = "https://example.org/mou.pdf", ["language"] = "fr" }),
        ["partnerships"] = new JsonArray(partnership),
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/mou", ["title"] = "Announcement" }),
    };

    private async Task<JsonArray> AgreementsOfAsync(string partnership, string filters = "") =>
        await _reader.GetAllAsync($"/api/v1/agreements?partnership={partnership}{filters}");

    [Fact]
    public async Task An_agreement_with_parties_documents_and_partnerships_is_created_and_shown_where_readers_look()
    {
        var slug = await NewPartnershipAsync();
        var organisation = await OrganisationData.CreateAsync(_writer);
        var input = ValidInput(slug, new JsonObject { ["organisationId"] = (int)organisation["id"]! }, new JsonObject { ["countryCode"] = "eu" });

        var response = await _writer.PostJsonAsync("/api/v1/agreements", input);
        var created = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        var id = (int)created["id"]!;
        Assert.Equal($"/api/v1/agreements/{id}", response.Headers.Location?.ToString());
        var agreement = await _reader.GetJsonAsync($"/api/v1/agreements/{id}");
        Assert.Equal(("2019-05-14", "2019-06", "2029"), ((string)agreement["signed"]!, (string)agreement["enteredIntoForce"]!, (string)agreement["expires"]!));
        var parties = agreement["parties"]!.AsArray();
        Assert.Equal((string)organisation["name"]!, (string)parties[0]!["name"]!);
        Assert.Equal((string)organisation["name"]!, (string)parties[0]!["organisationName"]!);
        Assert.Equal(("EU", "European Union"), ((string)parties[1]!["countryCode"]!, (string)parties[1]!["countryName"]!));
        Assert.Equal("EU", (string)parties[1]!["name"]!);
        var document = agreement["documents"]!.AsArray().Single()!;
        Assert.Equal(("Signed text", "https://example.org/mou.pdf", "fr"), ((string)document["title"]!, (string)document["url"]!, (string)document["language"]!));
        Assert.Equal([slug], agreement["partnerships"]!.AsArray().Strings("slug"));
        Assert.Equal(1, (int)agreement["version"]!);

        var partnership = (await PartnershipData.GetAsync(_reader, slug)).Body;
        Assert.Equal([id], partnership["agreements"]!.AsArray().Select(a => (int)a!["id"]!));
        var network = await _reader.GetJsonAsync(OrganisationData.Url(organisation));
        Assert.Equal([id], network["agreements"]!.AsArray().Select(a => (int)a!["id"]!));
        Assert.Contains(id, (await _reader.GetAllAsync("/api/v1/agreements?country=NO")).Select(a => (int)a!["id"]!));
    }

    [Fact]
    public async Task A_document_without_a_language_is_taken_to_be_in_English()
    {
        var slug = await NewPartnershipAsync();
        var input = ValidInput(slug);
        input["documents"]![0]!.AsObject().Remove("language");

        var created = await _writer.CreateAsync("/api/v1/agreements", input);

        Assert.Equal("en", (string)created["documents"]![0]!["language"]!);
    }

    [Fact]
    public async Task Kind_status_and_country_filters_pick_the_right_agreement_of_a_partnership()
    {
        var slug = await NewPartnershipAsync();
        var mou = ValidInput(slug);
        var act = ValidInput(slug, new JsonObject { ["countryCode"] = "JP" });
        act["title"] = $"Legal act for {slug}";
        act["kind"] = "legalAct";
        act["status"] = "expired";
        await _writer.CreateAsync("/api/v1/agreements", mou);
        await _writer.CreateAsync("/api/v1/agreements", act);

        Assert.Equal(2, (await AgreementsOfAsync(slug)).Count);
        Assert.Equal([$"Legal act for {slug}"], (await AgreementsOfAsync(slug, "&kind=legalAct")).Strings("title"));
        Assert.Equal([$"Legal act for {slug}"], (await AgreementsOfAsync(slug, "&status=expired")).Strings("title"));
        Assert.Equal([$"Legal act for {slug}"], (await AgreementsOfAsync(slug, "&country=jp")).Strings("title"));
        Assert.Equal([$"Memorandum of understanding for {slug}"], (await AgreementsOfAsync(slug, "&status=inForce&country=NO")).Strings("title"));
        Assert.Empty(await AgreementsOfAsync(slug, "&kind=legalAct&status=inForce"));
    }

    [Theory]
    [InlineData("2019-05-14", "2019-05-13", null, "enteredIntoForce")]
    [InlineData("2019-05", "2019-04", null, "enteredIntoForce")]
    [InlineData("2019", "2018-12-31", null, "enteredIntoForce")]
    [InlineData("2019-05-14", "2019-06-01", "2019-05-31", "expires")]
    [InlineData("2019-05-14", null, "2019-05-13", "expires")]
    [InlineData("2019-05-14", "2020", "2019", "expires")]
    public async Task Dates_out_of_order_are_a_400_naming_the_later_date(string signed, string? inForce, string? expires, string field)
    {
        var slug = await NewPartnershipAsync();
        var input = ValidInput(slug);
        input["signed"] = signed;
        input["enteredIntoForce"] = inForce;
        input["expires"] = expires;

        var fields = await (await _writer.PostJsonAsync("/api/v1/agreements", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Empty(await AgreementsOfAsync(slug));
    }

    [Theory]
    [InlineData("url", "\"not a url\"", "documents[0].url")]
    [InlineData("url", "\"mailto:treaties@example.org\"", "documents[0].url")]
    [InlineData("url", "null", "documents[0].url")]
    [InlineData("language", "\"english\"", "documents[0].language")]
    [InlineData("language", "\"EN\"", "documents[0].language")]
    [InlineData("language", "\"e1\"", "documents[0].language")]
    [InlineData("title", "\"\"", "documents[0].title")]
    public async Task A_bad_document_is_a_400_naming_the_field_of_that_document(string property, string json, string field)
    {
        var slug = await NewPartnershipAsync();
        var input = ValidInput(slug);
        input["documents"]![0]![property] = JsonNode.Parse(json);

        var fields = await (await _writer.PostJsonAsync("/api/v1/agreements", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Empty(await AgreementsOfAsync(slug));
    }

    [Fact]
    public async Task A_bad_url_and_language_on_one_document_are_both_named()
    {
        var slug = await NewPartnershipAsync();
        var input = ValidInput(slug);
        input["documents"] = new JsonArray(
            new JsonObject { ["title"] = "Bad", ["url"] = "www.example.org/text", ["language"] = "French" });

        var fields = await (await _writer.PostJsonAsync("/api/v1/agreements", input)).ReadErrorFieldsAsync();

        Assert.Equal(["documents[0].language", "documents[0].url"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unknown_partnership_slug_is_a_400_naming_partnerships_and_nothing_is_stored()
    {
        var slug = await NewPartnershipAsync();
        var missing = PartnershipData.UniqueSlug();
        var input = ValidInput(slug);
        input["partnerships"] = new JsonArray(slug, missing);

        var problem = await (await _writer.PostJsonAsync("/api/v1/agreements", input)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["partnerships"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(missing, (string)problem["errors"]!["partnerships"]![0]!, StringComparison.Ordinal);
        Assert.Empty(await AgreementsOfAsync(slug));
    }

    [Theory]
    [InlineData("parties", "[]", "parties")]
    [InlineData("parties", "[{}]", "parties[0].name")]
    [InlineData("parties", "[{\"organisationId\": 987654321}]", "parties[0].organisationId")]
    [InlineData("parties", "[{\"countryCode\": \"XX\"}]", "parties[0].countryCode")]
    [InlineData("sources", "[]", "sources")]
    [InlineData("signed", "\"05/14/2019\"", "signed")]
    [InlineData("kind", "null", "kind")]
    public async Task Other_invalid_fields_are_named(string property, string json, string field)
    {
        var slug = await NewPartnershipAsync();
        var input = ValidInput(slug);
        input[property] = JsonNode.Parse(json);

        var fields = await (await _writer.PostJsonAsync("/api/v1/agreements", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Empty(await AgreementsOfAsync(slug));
    }

    [Fact]
    public async Task Replacing_the_parties_bumps_the_version_and_the_ETag()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/agreements", ValidInput(slug));
        var url = $"/api/v1/agreements/{(int)created["id"]!}";
        var (_, etag) = await _reader.GetWithETagAsync(url);
        var change = ValidInput(slug, new JsonObject { ["countryCode"] = "EU" }, new JsonObject { ["name"] = "Government of Japan", ["countryCode"] = "JP" });

        var response = await _writer.PutJsonAsync(url, change, etag);
        var updated = await response.ReadJsonObjectAsync();

        Assert.Equal(2, (int)updated["version"]!);
        var (read, readETag) = await _reader.GetWithETagAsync(url);
        Assert.Equal(["EU", "Government of Japan"], read["parties"]!.AsArray().Strings("name"));
        Assert.Equal(2, (int)read["version"]!);
        Assert.NotEqual(etag, readETag);
        Assert.Equal(response.Headers.ETag?.ToString(), readETag);
        Assert.Empty(await AgreementsOfAsync(slug, "&country=NO"));
        Assert.Single(await AgreementsOfAsync(slug, "&country=JP"));
    }

    [Fact]
    public async Task Replacing_only_the_linked_partnerships_bumps_the_version()
    {
        var slug = await NewPartnershipAsync();
        var other = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/agreements", ValidInput(slug));
        var url = $"/api/v1/agreements/{(int)created["id"]!}";
        var (_, etag) = await _reader.GetWithETagAsync(url);
        var change = ValidInput(slug);
        change["partnerships"] = new JsonArray(other);

        var updated = await (await _writer.PutJsonAsync(url, change, etag)).ReadJsonObjectAsync();

        Assert.Equal(2, (int)updated["version"]!);
        Assert.Empty(await AgreementsOfAsync(slug));
        Assert.Single(await AgreementsOfAsync(other));
    }

    [Fact]
    public async Task An_update_with_a_stale_ETag_is_412_and_the_agreement_is_unchanged()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/agreements", ValidInput(slug));
        var url = $"/api/v1/agreements/{(int)created["id"]!}";
        var (_, stale) = await _reader.GetWithETagAsync(url);
        var first = ValidInput(slug);
        first["status"] = "superseded";
        await (await _writer.PutJsonAsync(url, first, stale)).AssertStatusAsync(HttpStatusCode.OK);
        var (before, current) = await _reader.GetWithETagAsync(url);
        var second = ValidInput(slug);
        second["status"] = "expired";

        var problem = await (await _writer.PutJsonAsync(url, second, stale)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(current, (string)problem["currentETag"]!);
        var (after, _) = await _reader.GetWithETagAsync(url);
        Assert.Equal("superseded", (string)after["status"]!);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task A_deleted_agreement_is_gone_from_its_partnership()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/agreements", ValidInput(slug));
        var url = $"/api/v1/agreements/{(int)created["id"]!}";
        var (_, etag) = await _reader.GetWithETagAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, (await _writer.DeleteWithIfMatchAsync(url, etag)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync(url));
        Assert.Empty((await PartnershipData.GetAsync(_reader, slug)).Body["agreements"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_reader, slug));
    }
}
