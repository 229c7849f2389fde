using HealthAccord.Web.Grants;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The one-pass screen in front of the pathogen rules: it must let through every text a rule matches (the tagger
/// tests check that for each rule), and it turns most texts away without trying the rules.
/// </summary>
public sealed class PathogenPrefilterTests
{
    [Theory]
    [InlineData(@"\bsars\b(?![\s-]*2\b)", @"\bsars\b")]
    [InlineData(@"(?<!non-)\bflu\b(?=\s)", @"\bflu\b")]
    [InlineData(@"\bX(?![\w-])", @"\bX")]
    // Parentheses inside the lookahead, escaped or in a class, do not end it early.
    [InlineData(@"a(?!b(c)\)[)(])d", "ad")]
    // Outside lookarounds, escapes and classes stay exactly as written.
    [InlineData(@"\(?!x[(?!]\b", @"\(?!x[(?!]\b")]
    [InlineData(@"(?i:cov)(a|b)", @"(?i:cov)(a|b)")]
    public void Lookarounds_are_removed_and_everything_else_is_kept(string pattern, string expected) =>
        Assert.Equal(expected, PathogenPrefilter.WithoutLookarounds(pattern));

    [Fact]
    public void The_shipped_catalogue_is_screened_in_one_pass()
    {
        Assert.True(new PathogenTagger().Prefilters, "A rule uses a construct the linear engine cannot run, so every text is tried rule by rule.");
    }

    [Fact]
    public void A_screen_over_all_rules_turns_away_texts_no_rule_matches_and_keeps_case_sensitive_rules_case_sensitive()
    {
        var prefilter = PathogenPrefilter.TryCreate(PathogenCatalogue.All)!;

        Assert.False(prefilter.MayMatch("Community health workers for maternal care in rural districts"));
        Assert.True(prefilter.MayMatch("Community health workers for malaria follow-up"));
        // "TB" is a rule only in capitals; "tb" is not.
        Assert.True(prefilter.MayMatch("Screening for TB in prisons"));
        Assert.False(prefilter.MayMatch("screening 5 tb of images"));
    }

    [Fact]
    public void Texts_the_screen_lets_through_are_still_judged_by_each_rule_with_its_exclusions()
    {
        var tagger = new PathogenTagger();

        // The screen knows no exclusions, so "hearing aids" passes it; the AIDS rule's exclusion still applies.
        Assert.Empty(tagger.TagCodes(new GrantText("HEARING AIDS FOR OLDER PEOPLE", null)));
        Assert.Equal(["hiv"], tagger.TagCodes(new GrantText("AIDS and HIV prevention", null)));
    }
}
