using System.Text;
using HealthAccord.Web.Grants;

namespace HealthAccord.Tests.Grants;

public sealed class HrcsCategoriesTests
{
    private static readonly HrcsCategories Shipped = HrcsCategories.LoadDefault();

    [Fact]
    public void The_shipped_file_holds_the_21_categories_in_code_order()
    {
        Assert.Equal(21, Shipped.All.Count);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)), Shipped.All.Select(c => c.Code));
        Assert.Equal(new HrcsCategory("000", "Blood"), Shipped.All[0]);
        Assert.Equal(new HrcsCategory("020", "Injuries and Accidents"), Shipped.All[^1]);
    }

    [Theory]
    [InlineData("011", "Cancer")]
    [InlineData("018", "Infection")]
    [InlineData(" 008 ", "Respiratory")]
    public void Finds_a_category_by_code(string code, string label)
    {
        Assert.True(Shipped.TryGetByCode(code, out var category));
        Assert.Equal(label, category.Label);
    }

    [Theory]
    [InlineData("18")] // another numbering exists (HRCS-SKOS counts from 1), so short codes are not guessed at
    [InlineData("1")]
    [InlineData("021")]
    [InlineData("Infection")]
    [InlineData(null)]
    public void An_unknown_or_short_code_is_not_found(string? code) => Assert.False(Shipped.TryGetByCode(code, out _));

    [Theory]
    [InlineData("Infection", "018")]
    [InlineData("infection", "018")]
    [InlineData("  MENTAL HEALTH ", "001")]
    [InlineData("Inflammatory  and Immune System", "019")]
    [InlineData("Inflammatory & Immune System", "019")]
    [InlineData("Reproductive health and childbirth", "007")]
    public void Finds_a_category_by_label_ignoring_case_spacing_and_ampersands(string label, string code)
    {
        Assert.True(Shipped.TryGetByLabel(label, out var category));
        Assert.Equal(code, category.Code);
    }

    [Theory]
    [InlineData("018", "018")]
    [InlineData("Cancer", "011")]
    [InlineData("cardiovascular", "014")]
    [InlineData("Disputed Aetiology and Other", "013")]
    [InlineData("Other", "013")]
    [InlineData("HRCS Health Category: Infection", "018")]
    [InlineData("HRCS - 011", "011")]
    [InlineData("HRCS Health Categories / Oral and Gastrointestinal", "005")]
    [InlineData("Health Research Classification System: Eye", "017")]
    public void TryMatch_accepts_a_code_or_label_with_or_without_an_HRCS_vocabulary_prefix(string text, string code)
    {
        Assert.True(Shipped.TryMatch(text, out var category));
        Assert.Equal(code, category.Code);
    }

    [Theory]
    [InlineData("Cancer Research UK: Blood")] // a funder's own vocabulary, not HRCS
    [InlineData("Infectious diseases")]
    [InlineData("HRCS Health Category: Infections")]
    [InlineData("HRCS: 18")]
    [InlineData("HRCS")]
    [InlineData(":Blood")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryMatch_refuses_what_is_not_an_HRCS_health_category(string? text)
    {
        Assert.False(Shipped.TryMatch(text, out var category));
        Assert.Null(category);
    }

    [Theory]
    [InlineData("""[{"identifier":"00","label":{"en":"Blood"}}]""")]
    [InlineData("""[{"identifier":"000","label":{"nb":"Blod"}}]""")]
    [InlineData("""[{"identifier":"000","label":{"en":"Blood"}},{"identifier":"000","label":{"en":"Cancer"}}]""")]
    [InlineData("""[{"identifier":"000","label":{"en":"Blood"}},{"identifier":"001","label":{"en":"blood"}}]""")]
    [InlineData("[]")]
    [InlineData("null")]
    public void A_file_with_bad_codes_missing_labels_or_repeats_is_refused(string json) =>
        Assert.Throws<FormatException>(() => HrcsCategories.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
}
