using HealthAccord.Web.Outbreaks.Responses;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace HealthAccord.Tests.Outbreaks;

public sealed class ResponseLinksTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    [Fact]
    public void A_fresh_link_names_its_response()
    {
        var links = new ResponseLinks(_keys, _clock);

        var check = links.Check(links.CreateToken(42));

        Assert.Equal(ResponseLinkState.Valid, check.State);
        Assert.Equal(42, check.ResponseId);
        Assert.Equal(_clock.GetUtcNow() + ResponseLinks.Lifetime, check.ExpiresAt);
    }

    [Fact]
    public void A_link_stops_working_when_its_lifetime_is_over()
    {
        var links = new ResponseLinks(_keys, _clock);
        var token = links.CreateToken(7);

        _clock.Advance(ResponseLinks.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(ResponseLinkState.Valid, links.Check(token).State);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ResponseLinkState.Expired, links.Check(token).State);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    public void Anything_but_a_token_it_made_is_invalid(string? token)
    {
        var links = new ResponseLinks(_keys, _clock);

        Assert.Equal(ResponseLinkState.Invalid, links.Check(token).State);
    }

    [Fact]
    public void A_token_made_with_other_keys_or_altered_is_invalid()
    {
        var links = new ResponseLinks(_keys, _clock);
        var foreign = new ResponseLinks(new EphemeralDataProtectionProvider(), _clock).CreateToken(42);
        var token = links.CreateToken(42);
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Equal(ResponseLinkState.Invalid, links.Check(foreign).State);
        Assert.Equal(ResponseLinkState.Invalid, links.Check(altered).State);
    }
}
