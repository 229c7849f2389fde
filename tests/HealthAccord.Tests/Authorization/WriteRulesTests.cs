using HealthAccord.Web.Authorization;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// The rule table on its own, for the cases the matrix's one-partnership world does not reach: agreements shared
/// between partnerships, links added or removed, grants, and accounts with no scope.
/// </summary>
public sealed class WriteRulesTests
{
    private static readonly WriterRights EditorOf1 = new(false, true, new HashSet<int> { 1 }, null);
    private static readonly WriterRights EditorWithoutPartnerships = new(false, true, new HashSet<int>(), null);
    private static readonly WriterRights Representative = new(false, false, new HashSet<int>(), 7);
    private static readonly WriterRights Administrator = new(true, false, new HashSet<int>(), null);

    private static AgreementChange Change(int[] before, int[] after, bool deleting = false) => new(before.ToHashSet(), after.ToHashSet(), deleting);

    [Theory]
    [InlineData(new[] { 1, 2 }, new[] { 1, 2 }, true)]   // editing an agreement shared with another partnership
    [InlineData(new[] { 1, 2 }, new[] { 2 }, true)]      // unlinking their own partnership from it
    [InlineData(new[] { 1, 2 }, new[] { 1 }, false)]     // unlinking someone else's partnership
    [InlineData(new[] { 1 }, new[] { 1, 3 }, false)]     // linking it to someone else's partnership
    [InlineData(new[] { 2 }, new[] { 1, 2 }, false)]     // taking over an agreement of another partnership
    [InlineData(new int[0], new[] { 1 }, true)]          // a new agreement of their own partnership
    [InlineData(new int[0], new[] { 1, 2 }, false)]      // a new agreement naming another partnership too
    [InlineData(new int[0], new int[0], false)]          // a new agreement linked to no partnership
    public void An_editor_changes_agreement_links_only_to_their_own_partnerships(int[] before, int[] after, bool allowed) =>
        Assert.Equal(allowed, WriteRules.Allows(EditorOf1, Change(before, after)));

    [Theory]
    [InlineData(new[] { 1 }, true)]
    [InlineData(new[] { 1, 2 }, false)]
    [InlineData(new int[0], false)]
    public void An_editor_deletes_an_agreement_only_when_every_linked_partnership_is_theirs(int[] linked, bool allowed) =>
        Assert.Equal(allowed, WriteRules.Allows(EditorOf1, Change(linked, [], deleting: true)));

    [Fact]
    public void Grants_are_for_editors_even_without_a_partnership_and_for_administrators_only_besides()
    {
        Assert.True(WriteRules.Allows(EditorWithoutPartnerships, new GrantPortfolio()));
        Assert.True(WriteRules.Allows(Administrator, new GrantPortfolio()));
        Assert.False(WriteRules.Allows(Representative, new GrantPortfolio()));
        Assert.False(WriteRules.Allows(WriterRights.None, new GrantPortfolio()));
    }

    [Fact]
    public void A_grant_is_edited_by_a_representative_of_a_funder_and_an_editor_of_a_linked_partnership()
    {
        var fundedBy7LinkedTo1 = new GrantRecordEdit(new HashSet<int> { 7 }, new HashSet<int> { 1 });
        var fundedBy8LinkedTo2 = new GrantRecordEdit(new HashSet<int> { 8 }, new HashSet<int> { 2 });

        Assert.True(WriteRules.Allows(Representative, fundedBy7LinkedTo1));
        Assert.True(WriteRules.Allows(EditorOf1, fundedBy7LinkedTo1));
        Assert.True(WriteRules.Allows(Administrator, fundedBy8LinkedTo2));
        Assert.False(WriteRules.Allows(Representative, fundedBy8LinkedTo2));
        Assert.False(WriteRules.Allows(EditorOf1, fundedBy8LinkedTo2));
        // Editing the portfolio (imports) is not the same as editing any grant in it.
        Assert.False(WriteRules.Allows(EditorWithoutPartnerships, fundedBy7LinkedTo1));
        Assert.False(WriteRules.Allows(WriterRights.None, fundedBy7LinkedTo1));
    }

    [Fact]
    public void Administrators_may_everything_and_an_account_without_rights_nothing()
    {
        WriteTarget[] targets = [new RegistryCoverage("partnerships"), new PartnershipContent(1), new OrganisationRecord(7), Change([2], [3]), new GrantPortfolio()];

        Assert.All(targets, target => Assert.True(WriteRules.Allows(Administrator, target)));
        Assert.All(targets, target => Assert.False(WriteRules.Allows(WriterRights.None, target)));
        Assert.False(WriterRights.None.CanWriteAnything);
        Assert.True(EditorWithoutPartnerships.CanWriteAnything);
    }

    [Fact]
    public void A_representative_answers_for_their_organisation_only()
    {
        Assert.True(WriteRules.Allows(Representative, new OrganisationRecord(7)));
        Assert.False(WriteRules.Allows(Representative, new OrganisationRecord(8)));
        Assert.False(WriteRules.Allows(Representative, new PartnershipContent(1)));
        Assert.False(WriteRules.Allows(Representative, new RegistryCoverage("organisations")));
    }
}
