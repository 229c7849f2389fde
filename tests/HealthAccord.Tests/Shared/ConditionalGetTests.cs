using System.Net;
using System.Net.Http.Headers;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Shared;

/// <summary>Every read carries an ETag; a client that sends it back in If-None-Match gets 304 and no body.</summary>
public sealed class ConditionalGetTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/partnerships")]
    [InlineData("/api/v1/partnerships?pageSize=3&page=2")]
    [InlineData("/api/v1/partnerships/glopid-r")]
    [InlineData("/api/v1/partnerships?format=csv")]
    [InlineData("/api/v1/partnerships?format=json")]
    public async Task Sending_the_ETag_back_gets_304_without_a_body(string url)
    {
        var first = await _client.GetAsync(url, Ct);
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var second = await _client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task The_weak_form_of_the_ETag_and_a_list_containing_it_also_match()
    {
        var etag = (await _client.GetAsync("/api/v1/partnerships/glopid-r", Ct)).Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/partnerships/glopid-r");
        request.Headers.TryAddWithoutValidation("If-None-Match", $"\"older\", W/{etag}");
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(request, Ct)).StatusCode);
    }

    [Fact]
    public async Task Another_ETag_gets_the_full_representation()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/partnerships/glopid-r");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123456789abcdef0123456789abcdef\""));
        var response = await _client.SendAsync(request, Ct);

        var body = await response.ReadJsonObjectAsync();
        Assert.Equal("glopid-r", (string)body["slug"]!);
    }

    [Fact]
    public async Task The_same_representation_has_the_same_ETag_and_a_different_one_another()
    {
        var a = (await _client.GetAsync("/api/v1/partnerships/glopid-r", Ct)).Headers.ETag;
        var b = (await _client.GetAsync("/api/v1/partnerships/glopid-r", Ct)).Headers.ETag;
        var c = (await _client.GetAsync("/api/v1/partnerships/gacd", Ct)).Headers.ETag;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
