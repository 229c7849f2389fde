using HealthAccord.Web.Grants.Import;

namespace HealthAccord.Tests.Grants;

/// <summary>How a free-text address country becomes a code: the forms grant publishers actually write.</summary>
public sealed class CountryFromTextTests
{
    [Theory]
    [InlineData("United Kingdom", "GB")]
    [InlineData("united kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("Scotland", "GB")]
    [InlineData("United Kingdom of Great Britain and Northern Ireland", "GB")]
    [InlineData("United States", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("USA", "US")]
    [InlineData("Netherlands", "NL")]
    [InlineData(" Kenya ", "KE")]
    public void Names_and_codes_publishers_write_are_read(string text, string code) =>
        Assert.Equal(code, ReferenceCodes.CountryFromText(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Commonwealth")]
    [InlineData("XX")]
    public void Anything_else_is_no_country(string? text) => Assert.Null(ReferenceCodes.CountryFromText(text));
}
