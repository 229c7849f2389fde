using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Partnerships;
using Microsoft.AspNetCore.Hosting;

namespace HealthAccord.Tests.Shared;

/// <summary>Writes need the editors' key (Api:WriteKey) as X-Api-Key or a Bearer token; reads need nothing.</summary>
public sealed class ApiKeyTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _reader = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_without_a_key_is_401_with_a_Bearer_challenge_and_nothing_is_stored()
    {
        var slug = PartnershipData.UniqueSlug();
        var response = await _reader.PostAsJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(slug), Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("API key required", (string)problem["title"]!);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, slug));
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", HealthAccordFactory.WriteKey + "x");
        var slug = PartnershipData.UniqueSlug();

        var problem = await (await client.PostAsJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(slug), Ct))
            .ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("API key not accepted", (string)problem["title"]!);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, slug));
    }

    [Fact]
    public async Task Updates_and_deletes_without_a_key_are_401_and_change_nothing()
    {
        var slug = PartnershipData.UniqueSlug();
        await PartnershipData.CreateAsync(factory.CreateWriterClient(), PartnershipData.ValidInput(slug));
        var (before, etag) = await PartnershipData.GetAsync(_reader, slug);
        var change = PartnershipData.ValidInput(slug);
        change["name"] = "Changed without a key";

        await (await PartnershipData.PutAsync(_reader, slug, change, etag)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/partnerships/{slug}");
        delete.Headers.TryAddWithoutValidation("If-Match", etag);
        await (await _reader.SendAsync(delete, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(before.ToJsonString(), (await PartnershipData.GetAsync(_reader, slug)).Body.ToJsonString());
    }

    [Fact]
    public async Task The_key_is_also_accepted_as_a_Bearer_token()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HealthAccordFactory.WriteKey);
        var slug = PartnershipData.UniqueSlug();

        await PartnershipData.CreateAsync(client, PartnershipData.ValidInput(slug));

        Assert.Equal(HttpStatusCode.OK, await PartnershipData.StatusOfAsync(_reader, slug));
    }

    [Fact]
    public async Task A_server_without_a_configured_key_refuses_every_write_with_403()
    {
        await using var keyless = factory.WithWebHostBuilder(builder => builder.UseSetting("Api:WriteKey", ""));
        var client = keyless.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", HealthAccordFactory.WriteKey);
        var slug = PartnershipData.UniqueSlug();

        var problem = await (await client.PostAsJsonAsync("/api/v1/partnerships", PartnershipData.ValidInput(slug), Ct))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal("Writes are disabled", (string)problem["title"]!);
        Assert.Equal(HttpStatusCode.NotFound, await PartnershipData.StatusOfAsync(_reader, slug));
    }
}
