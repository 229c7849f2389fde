using System.Net;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.Memberships;

/// <summary>Seats in partnerships, held by an organisation or a country. Each test creates its own partnership and organisation.</summary>
public sealed class MembershipTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private readonly HttpClient _writer = factory.CreateAdministratorClient();

    private async Task<string> NewPartnershipAsync()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(_writer, PartnershipData.ValidInput(slug));
        return slug;
    }

    private static JsonObject Seat(string partnership, int? organisationId = null, string? countryCode = null) => new()
    {
        ["partnership"] = partnership,
        ["organisationId"] = organisationId,
        ["countryCode"] = countryCode,
        ["role"] = "foundingMember",
        ["note"] = "Seat created by a test",
        ["joined"] = "2015-03",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/members", ["title"] = "Member list", ["asOf"] = "2024" }),
    };

    private async Task<int> MembershipCountAsync(string partnership) =>
        (int)(await _reader.GetJsonAsync($"/api/v1/memberships?partnership={partnership}"))["total"]!;

    [Fact]
    public async Task A_seat_for_an_organisation_shows_in_the_partnership_and_in_the_organisations_network_view()
    {
        var slug = await NewPartnershipAsync();
        var organisation = await OrganisationData.CreateAsync(_writer);
        var organisationId = (int)organisation["id"]!;

        var response = await _writer.PostJsonAsync("/api/v1/memberships", Seat(slug, organisationId));
        var created = await response.ReadJsonObjectAsync(HttpStatusCode.Created);

        var membershipId = (int)created["id"]!;
        Assert.Equal($"/api/v1/memberships/{membershipId}", response.Headers.Location?.ToString());
        Assert.Equal(slug, (string)created["partnershipSlug"]!);
        Assert.Equal((string)organisation["name"]!, (string)created["organisationName"]!);
        Assert.Equal("NO", (string)created["countryCode"]!);
        Assert.Equal("foundingMember", (string)created["role"]!);
        Assert.Equal("2015-03", (string)created["joined"]!);
        Assert.Equal("2024", (string)created["sources"]![0]!["asOf"]!);

        var (partnership, _) = await PartnershipData.GetAsync(_reader, slug);
        var member = partnership["members"]!.AsArray().Single()!;
        Assert.Equal(membershipId, (int)member["membershipId"]!);
        Assert.Equal((string)organisation["name"]!, (string)member["organisationName"]!);
        Assert.Equal("Norway", (string)member["countryName"]!);
        Assert.Equal(1, (int)(await _reader.GetJsonAsync($"/api/v1/partnerships?q={slug}")).Items().Single()!["memberCount"]!);

        var network = await _reader.GetJsonAsync(OrganisationData.Url(organisation));
        var seat = network["memberships"]!.AsArray().Single()!;
        Assert.Equal(slug, (string)seat["partnershipSlug"]!);
        Assert.Equal($"Test partnership {slug}", (string)seat["partnershipName"]!);
        Assert.Equal("foundingMember", (string)seat["role"]!);
        Assert.Equal(1, (int)(await _reader.GetJsonAsync($"/api/v1/organisations?q={Uri.EscapeDataString((string)organisation["name"]!)}")).Items().Single()!["partnershipCount"]!);
    }

    [Fact]
    public async Task A_country_can_hold_a_seat_itself()
    {
        var slug = await NewPartnershipAsync();

        var created = await _writer.CreateAsync("/api/v1/memberships", Seat(slug, countryCode: "no"));

        Assert.Equal("NO", (string)created["countryCode"]!);
        Assert.Equal("Norway", (string)created["countryName"]!);
        Assert.Null(created["organisationId"]);
        var member = (await PartnershipData.GetAsync(_reader, slug)).Body["members"]!.AsArray().Single()!;
        Assert.Equal("Norway", (string)member["countryName"]!);
        Assert.Null(member["organisationName"]);
        Assert.Equal([slug], (await _reader.GetAllAsync("/api/v1/memberships?country=NO&partnership=" + slug)).Strings("partnershipSlug"));
        var norway = await _reader.GetJsonAsync("/api/v1/countries/no");
        Assert.Contains(norway["memberships"]!.AsArray(), m => (string)m!["partnershipSlug"]! == slug && m["organisationId"] is null);
    }

    [Theory]
    [InlineData("2015", "2014-12")]
    [InlineData("2015-06", "2015-05")]
    [InlineData("2015-06-10", "2015-06-09")]
    public async Task Leaving_before_joining_is_a_400_naming_left_and_nothing_is_stored(string joined, string left)
    {
        var slug = await NewPartnershipAsync();
        var input = Seat(slug, countryCode: "NO");
        input["joined"] = joined;
        input["left"] = left;

        var fields = await (await _writer.PostJsonAsync("/api/v1/memberships", input)).ReadErrorFieldsAsync();

        Assert.Equal(["left"], fields);
        Assert.Equal(0, await MembershipCountAsync(slug));
    }

    [Theory]
    [InlineData("2015-06", "2015")]
    [InlineData("2015", "2015-01-01")]
    [InlineData("2015-06-10", "2015-06-10")]
    public async Task Dates_that_may_mean_the_same_time_are_not_out_of_order(string joined, string left)
    {
        var slug = await NewPartnershipAsync();
        var input = Seat(slug, countryCode: "NO");
        input["joined"] = joined;
        input["left"] = left;

        var created = await _writer.CreateAsync("/api/v1/memberships", input);

        Assert.Equal((joined, left), ((string)created["joined"]!, (string)created["left"]!));
    }

    [Fact]
    public async Task A_seat_with_both_an_organisation_and_a_country_is_a_400_and_nothing_is_stored()
    {
        var slug = await NewPartnershipAsync();
        var organisation = await OrganisationData.CreateAsync(_writer);

        var fields = await (await _writer.PostJsonAsync("/api/v1/memberships", Seat(slug, (int)organisation["id"]!, "NO"))).ReadErrorFieldsAsync();

        Assert.Equal(["countryCode"], fields);
        Assert.Equal(0, await MembershipCountAsync(slug));
        Assert.Empty((await _reader.GetJsonAsync(OrganisationData.Url(organisation)))["memberships"]!.AsArray());
    }

    [Fact]
    public async Task A_seat_with_neither_an_organisation_nor_a_country_is_a_400_and_nothing_is_stored()
    {
        var slug = await NewPartnershipAsync();

        var fields = await (await _writer.PostJsonAsync("/api/v1/memberships", Seat(slug))).ReadErrorFieldsAsync();

        Assert.Equal(["organisationId"], fields);
        Assert.Equal(0, await MembershipCountAsync(slug));
    }

    [Fact]
    public async Task An_unknown_partnership_is_a_400_naming_partnership()
    {
        var slug = PartnershipData.UniqueSlug();

        var problem = await (await _writer.PostJsonAsync("/api/v1/memberships", Seat(slug, countryCode: "NO"))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["partnership"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(slug, (string)problem["errors"]!["partnership"]![0]!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("organisationId", "987654321")]
    [InlineData("role", "null")]
    [InlineData("joined", "\"2015-13\"")]
    [InlineData("sources", "[]")]
    public async Task Other_invalid_fields_are_named(string field, string json)
    {
        var slug = await NewPartnershipAsync();
        var input = Seat(slug, countryCode: field == "organisationId" ? null : "NO");
        input[field] = JsonNode.Parse(json);

        var fields = await (await _writer.PostJsonAsync("/api/v1/memberships", input)).ReadErrorFieldsAsync();

        Assert.Equal([field], fields);
        Assert.Equal(0, await MembershipCountAsync(slug));
    }

    [Fact]
    public async Task Recording_that_a_member_left_keeps_the_seat_but_no_longer_counts_it_as_current()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/memberships", Seat(slug, countryCode: "NO"));
        var url = $"/api/v1/memberships/{(int)created["id"]!}";
        var (_, etag) = await _reader.GetWithETagAsync(url);
        var change = Seat(slug, countryCode: "NO");
        change["left"] = "2020-12";

        var updated = await (await _writer.PutJsonAsync(url, change, etag)).ReadJsonObjectAsync();

        Assert.Equal("2020-12", (string)updated["left"]!);
        Assert.Equal(2, (int)updated["version"]!);
        Assert.Equal(0, (int)(await _reader.GetJsonAsync($"/api/v1/partnerships?q={slug}")).Items().Single()!["memberCount"]!);
        Assert.Empty(await _reader.GetAllAsync($"/api/v1/memberships?current=true&partnership={slug}"));
        Assert.Single(await _reader.GetAllAsync($"/api/v1/memberships?current=false&partnership={slug}"));
    }

    [Fact]
    public async Task A_membership_update_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/memberships", Seat(slug, countryCode: "NO"));
        var url = $"/api/v1/memberships/{(int)created["id"]!}";
        var (_, stale) = await _reader.GetWithETagAsync(url);
        var first = Seat(slug, countryCode: "NO");
        first["role"] = "observer";
        await (await _writer.PutJsonAsync(url, first, stale)).AssertStatusAsync(HttpStatusCode.OK);
        var second = Seat(slug, countryCode: "NO");
        second["role"] = "chair";

        await (await _writer.PutJsonAsync(url, second, stale)).ReadProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal("observer", (string)(await _reader.GetJsonAsync(url))["role"]!);
    }

    [Fact]
    public async Task A_deleted_membership_disappears_from_the_partnership()
    {
        var slug = await NewPartnershipAsync();
        var created = await _writer.CreateAsync("/api/v1/memberships", Seat(slug, countryCode: "NO"));
        var url = $"/api/v1/memberships/{(int)created["id"]!}";
        var (_, etag) = await _reader.GetWithETagAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, (await _writer.DeleteWithIfMatchAsync(url, etag)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, await _reader.StatusOfAsync(url));
        Assert.Empty((await PartnershipData.GetAsync(_reader, slug)).Body["members"]!.AsArray());
    }
}
