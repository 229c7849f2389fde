using System.Text.Json;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Data;

public sealed class RorIdTests
{
    [Theory]
    [InlineData("031jv9v19")] // European Commission
    [InlineData("01cwqze88")] // National Institutes of Health
    [InlineData("00064pn24")]
    public void Real_ids_are_valid(string id)
    {
        Assert.True(RorId.IsValid(id));
        Assert.True(RorId.TryNormalise(id, out var normalised));
        Assert.Equal(id, normalised);
    }

    [Theory]
    [InlineData("031jv9v18")] // last checksum digit changed
    [InlineData("031jv9v91")] // checksum digits swapped
    [InlineData("031jv9w19")] // one base-32 character changed, checksum kept
    public void A_wrong_checksum_is_rejected(string id) => Assert.False(RorId.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("031jv9v1")]
    [InlineData("031jv9v199")]
    [InlineData("31jv9v19")]
    public void A_wrong_length_is_rejected(string id) => Assert.False(RorId.IsValid(id));

    [Theory]
    [InlineData("131jv9v19")] // must start with 0
    [InlineData("031jv9vab")] // checksum must be digits
    [InlineData("031jv-v19")]
    public void A_malformed_id_is_rejected(string id) => Assert.False(RorId.IsValid(id));

    // Crockford base 32 reads i and l as 1 and o as 0 when decoding loosely; ROR ids never contain them, so each
    // case below would pass the checksum under loose decoding and must fail on the letter alone.
    [Theory]
    [InlineData("03ijv9v19")]
    [InlineData("03ljv9v19")]
    [InlineData("0o064pn24")]
    [InlineData("031ju9v19")]
    public void The_letters_i_l_o_u_are_rejected(string id)
    {
        Assert.False(RorId.IsValid(id));
        Assert.False(RorId.TryNormalise(id, out _));
    }

    [Theory]
    [InlineData("https://ror.org/031jv9v19")]
    [InlineData("HTTPS://ROR.ORG/031JV9V19")]
    [InlineData("  https://ror.org/031jv9v19 ")]
    [InlineData("031JV9V19")]
    public void The_url_and_upper_case_forms_are_normalised_to_the_bare_lower_case_id(string input)
    {
        Assert.True(RorId.TryNormalise(input, out var id));
        Assert.Equal("031jv9v19", id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("https://ror.org/")]
    [InlineData("https://ror.org/031jv9v18")]
    [InlineData("https://example.org/031jv9v19")]
    public void Normalising_rejects_what_is_not_a_valid_id(string? input)
    {
        Assert.False(RorId.TryNormalise(input, out var id));
        Assert.Null(id);
    }

    [Fact]
    public void ToUrl_gives_the_ror_org_address() => Assert.Equal("https://ror.org/031jv9v19", RorId.ToUrl("031jv9v19"));

    [Fact]
    public void Every_id_in_the_shared_ROR_health_funders_subset_is_valid()
    {
        var file = Path.Combine(TestPaths.SharedData, "ror", "ror-v2-health-funders-subset.json");
        if (!File.Exists(file)) Assert.Skip($"The shared data is not on this machine ({file}).");

        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var ids = document.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        var rejected = ids.Where(id => !RorId.TryNormalise(id, out _)).ToList();

        Assert.True(ids.Count >= 100, $"Expected the subset to hold hundreds of records, found {ids.Count}.");
        Assert.Empty(rejected);
    }
}
