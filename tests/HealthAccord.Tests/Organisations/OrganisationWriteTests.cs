using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Organisations;

/// <summary>Creating, validating, updating and deleting organisations. Every test makes the organisations it changes.</summary>
public sealed class OrganisationWriteTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    [Fact]
    public void The_test_ROR_ids_use_the_same_checksum_as_real_ones()
    {
        // Real ids from the seed: if the generator below were wrong, the "valid id" tests would prove nothing.
        Assert.Equal("61", OrganisationData.CheckDigits("02vjkv2"));
        Assert.Equal("70", OrganisationData.CheckDigits("011kf5r"));
        Assert.Equal("45", OrganisationData.CheckDigits("01gavpb"));
    }

    [Fact]
    public async Task A_valid_organisation_with_an_unused_ROR_id_is_created_and_found_by_that_id()
    {
        var ror = OrganisationData.UniqueRorId();
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(_reader, ror));
        var name = OrganisationData.UniqueName();

        var response = await _writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(name, ror));
        var created = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/organisations/{(int)created["id"]!}", response.Headers.Location?.ToString());
        Assert.Equal(name, (string)created["name"]!);
        Assert.Equal(ror, (string)created["rorId"]!);
        Assert.Equal($"https://ror.org/{ror}", (string)created["rorUrl"]!);
        Assert.Equal("Norway", (string)created["countryName"]!);
        Assert.Equal(1, (int)created["version"]!);
        Assert.Empty(created["memberships"]!.AsArray());
        var found = (await _reader.GetJsonAsync("/api/v1/organisations?q=" + ror)).Items().Single()!;
        Assert.Equal(name, (string)found["name"]!);
        Assert.Equal(0, (int)found["partnershipCount"]!);
    }

    [Fact]
    public async Task A_ROR_id_given_as_an_upper_case_ror_org_address_is_stored_as_the_bare_id()
    {
        var ror = OrganisationData.UniqueRorId();
        var input = OrganisationData.ValidInput(OrganisationData.UniqueName(), $"https://ror.org/{ror.ToUpperInvariant()}");
        input["countryCode"] = " eu ";

        var created = await OrganisationData.CreateAsync(_writer, input);

        Assert.Equal(ror, (string)created["rorId"]!);
        Assert.Equal("EU", (string)created["countryCode"]!);
    }

    // Inserm's ROR id is 02vjkv261: the ids below are it with one thing wrong.
    [Theory]
    [InlineData("rorId", "\"02vjkv262\"")]
    [InlineData("rorId", "\"02vjkv26\"")]
    [InlineData("rorId", "\"02vjkv2610\"")]
    [InlineData("rorId", "\"12vjkv261\"")]
    [InlineData("rorId", "\"https://ror.org/02vjkv262\"")]
    [InlineData("countryCode", "\"ZZ\"")]
    [InlineData("countryCode", "\"NOR\"")]
    [InlineData("name", "\" \"")]
    [InlineData("name", "null")]
    [InlineData("type", "null")]
    [InlineData("sources", "[]")]
    [InlineData("sources", "null")]
    [InlineData("website", "\"ftp://example.org\"")]
    public async Task An_invalid_field_is_a_400_naming_it_and_nothing_is_stored(string field, string json)
    {
        // The acronym is searchable too, so a unique one shows whether anything was stored.
        var marker = "T" + Guid.NewGuid().ToString("N");
        var input = OrganisationData.ValidInput(OrganisationData.UniqueName());
        input["acronym"] = marker;
        input[field] = JsonNode.Parse(json);

        var fields = await (await _writer.PostJsonAsync("/api/v1/organisations", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(_reader, marker));
    }

    [Theory]
    [InlineData(300, HttpStatusCode.Created)]
    [InlineData(301, HttpStatusCode.BadRequest)]
    public async Task A_name_may_have_at_most_300_characters(int length, HttpStatusCode expected)
    {
        var name = Guid.NewGuid().ToString("N").PadRight(length, 'n');

        var response = await _writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(name));

        if (expected == HttpStatusCode.BadRequest) Assert.Equal(["name"], await response.ReadErrorFieldsAsync());
        else await response.AssertStatusAsync(expected);
        Assert.Equal(expected == HttpStatusCode.Created ? 1 : 0, await OrganisationData.CountMatchingAsync(_reader, name[..32]));
    }

    [Fact]
    public async Task Every_invalid_field_is_named_at_once()
    {
        var input = OrganisationData.ValidInput(new string('x', 301), "012345678");
        input["countryCode"] = "ZZ";
        input["type"] = null;
        input["sources"] = new JsonArray(new JsonObject { ["url"] = "not a url", ["title"] = "" });

        var fields = await (await _writer.PostJsonAsync("/api/v1/organisations", input)).ReadErrorFieldsAsync();

        Assert.Equal(["countryCode", "name", "rorId", "sources[0].title", "sources[0].url", "type"], fields.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_ROR_id_another_organisation_has_is_a_400_naming_rorId()
    {
        var ror = OrganisationData.UniqueRorId();
        var first = await OrganisationData.CreateAsync(_writer, OrganisationData.ValidInput(OrganisationData.UniqueName(), ror));
        var secondName = OrganisationData.UniqueName();

        var problem = await (await _writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(secondName, $"https://ror.org/{ror}")))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["rorId"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(ror, problem["errors"]!["rorId"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(_reader, secondName));
        Assert.Equal([(int)first["id"]!], (await _reader.GetJsonAsync("/api/v1/organisations?q=" + ror)).Items().Select(i => (int)i!["id"]!));
    }

    [Fact]
    public async Task The_ROR_id_of_a_seeded_organisation_cannot_be_reused()
    {
        var name = OrganisationData.UniqueName();
        var fields = await (await _writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(name, "02vjkv261"))).ReadErrorFieldsAsync();

        Assert.Equal(["rorId"], fields);
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(_reader, name));
    }

    [Fact]
    public async Task An_update_that_takes_another_organisations_ROR_id_is_a_400_naming_rorId_and_changes_nothing()
    {
        var taken = OrganisationData.UniqueRorId();
        await OrganisationData.CreateAsync(_writer, OrganisationData.ValidInput(OrganisationData.UniqueName(), taken));
        var other = await OrganisationData.CreateAsync(_writer);
        var url = OrganisationData.Url(other);
        var (before, etag) = await _reader.GetWithETagAsync(url);

        var fields = await (await _writer.PutJsonAsync(url, OrganisationData.ValidInput((string)other["name"]!, taken), etag)).ReadErrorFieldsAsync();

        Assert.Equal(["rorId"], fields);
        Assert.Equal(before.ToJsonString(), (await _reader.GetWithETagAsync(url)).Body.ToJsonString());
    }

    [Fact]
    public async Task Concurrent_creates_with_one_ROR_id_store_one_organisation_and_answer_the_others_without_a_server_error()
    {
        var ror = OrganisationData.UniqueRorId();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            _writer.PostJsonAsync("/api/v1/organisations", OrganisationData.ValidInput(OrganisationData.UniqueName(), ror))));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.All(statuses.Where(s => s != 201), s => Assert.True(s is 400 or 409, $"A competing create answered {s}."));
        Assert.Equal(1, await OrganisationData.CountMatchingAsync(_reader, ror));
    }

    [Fact]
    public async Task An_update_with_the_current_ETag_changes_the_organisation_and_may_keep_its_own_ROR_id()
    {
        var ror = OrganisationData.UniqueRorId();
        var created = await OrganisationData.CreateAsync(_writer, OrganisationData.ValidInput(OrganisationData.UniqueName(), ror));
        var url = OrganisationData.Url(created);
        var (_, etag) = await _reader.GetWithETagAsync(url);
        var newName = OrganisationData.UniqueName();
        var change = OrganisationData.ValidInput(newName, ror);
        change["type"] = "foundation";

        var response = await _writer.PutJsonAsync(url, change, etag);
        await response.AssertStatusAsync(HttpStatusCode.OK);

        var (read, readETag) = await _reader.GetWithETagAsync(url);
        Assert.Equal(newName, (string)read["name"]!);
        Assert.Equal("foundation", (string)read["type"]!);
        Assert.Equal(ror, (string)read["rorId"]!);
        Assert.Equal(2, (int)read["version"]!);
        Assert.NotEqual(etag, readETag);
        Assert.Equal(response.Headers.ETag?.ToString(), readETag);
    }

    [Fact]
    public async Task An_update_with_a_stale_ETag_is_412_and_the_organisation_is_unchanged()
    {
        var created = await OrganisationData.CreateAsync(_writer);
        var url = OrganisationData.Url(created);
        var (_, staleETag) = await _reader.GetWithETagAsync(url);
        await (await _writer.PutJsonAsync(url, OrganisationData.ValidInput("First editor's name"), staleETag)).AssertStatusAsync(HttpStatusCode.OK);
        var (before, currentETag) = await _reader.GetWithETagAsync(url);

        var problem = await (await _writer.PutJsonAsync(url, OrganisationData.ValidInput("Second editor's name"), staleETag))
            .ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(currentETag, (string)problem["currentETag"]!);
        var (after, _) = await _reader.GetWithETagAsync(url);
        Assert.Equal("First editor's name", (string)after["name"]!);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task An_update_without_If_Match_is_428_and_changes_nothing()
    {
        var created = await OrganisationData.CreateAsync(_writer);
        var url = OrganisationData.Url(created);
        var (before, _) = await _reader.GetWithETagAsync(url);

        await (await _writer.PutJsonAsync(url, OrganisationData.ValidInput("Changed without If-Match"), null)).ReadProblemAsync((HttpStatusCode)428);

        Assert.Equal(before.ToJsonString(), (await _reader.GetWithETagAsync(url)).Body.ToJsonString());
    }

    [Fact]
    public async Task Deleting_an_organisation_that_holds_a_membership_is_409_and_it_stays()
    {
        var organisation = await OrganisationData.CreateAsync(_writer);
        var partnership = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(partnership));
        await _writer.CreateAsync("/api/v1/memberships", new JsonObject
        {
            ["partnership"] = partnership,
            ["organisationId"] = (int)organisation["id"]!,
            ["role"] = "member",
            ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/members", ["title"] = "Members" }),
        });
        var url = OrganisationData.Url(organisation);
        var (before, etag) = await _reader.GetWithETagAsync(url);

        var problem = await (await _writer.DeleteWithIfMatchAsync(url, etag)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("1 membership", (string)problem["detail"]!, StringComparison.Ordinal);
        var (after, _) = await _reader.GetWithETagAsync(url);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Equal([partnership], after["memberships"]!.AsArray().Strings("partnershipSlug"));
    }

    [Fact]
    public async Task Deleting_an_organisation_that_is_party_to_an_agreement_is_409_and_it_stays()
    {
        var organisation = await OrganisationData.CreateAsync(_writer);
        await _writer.CreateAsync("/api/v1/agreements", new JsonObject
        {
            ["title"] = "Agreement binding a test organisation",
            ["kind"] = "memorandumOfUnderstanding",
            ["status"] = "inForce",
            ["parties"] = new JsonArray(new JsonObject { ["organisationId"] = (int)organisation["id"]! }),
            ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/mou", ["title"] = "MoU" }),
        });
        var url = OrganisationData.Url(organisation);
        var (_, etag) = await _reader.GetWithETagAsync(url);

        await (await _writer.DeleteWithIfMatchAsync(url, etag)).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, await _reader.StatusOfAsync(url));
    }

    [Fact]
    public async Task Deleting_a_fresh_organisation_with_the_current_ETag_is_204_and_then_it_is_gone()
    {
        var name = OrganisationData.UniqueName();
        var created = await OrganisationData.CreateAsync(_writer, OrganisationData.ValidInput(name));
        var url = OrganisationData.Url(created);
        var (_, etag) = await _reader.GetWithETagAsync(url);

        await (await _writer.DeleteWithIfMatchAsync(url, null)).ReadProblemAsync((HttpStatusCode)428);
        Assert.Equal(HttpStatusCode.OK, await _reader.StatusOfAsync(url));

        var response = await _writer.DeleteWithIfMatchAsync(url, etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await _reader.GetAsync(url, TestContext.Current.CancellationToken)).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await OrganisationData.CountMatchingAsync(_reader, name));
    }
}
