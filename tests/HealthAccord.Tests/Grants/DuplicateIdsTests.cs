using HealthAccord.Web.Grants.Import;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The table of identifiers already read keeps only hashes, in tables that grow as a file goes on: a repeat must still
/// name the row of the first occurrence after any number of growths, and distinct identifiers must never be taken
/// for repeats.
/// </summary>
public sealed class DuplicateIdsTests
{
    [Fact]
    public void A_repeat_names_the_row_of_the_first_occurrence()
    {
        var ids = new DuplicateIds();

        Assert.Null(ids.Add("360G-a-1", 2));
        Assert.Null(ids.Add("360G-a-2", 3));
        Assert.Equal(2, ids.Add("360G-a-1", 7));
        // A third occurrence still points at the first, not at the second.
        Assert.Equal(2, ids.Add("360G-a-1", 9));
        Assert.Equal(3, ids.Add("360G-a-2", 10));
    }

    [Fact]
    public void Row_zero_is_remembered_like_any_other()
    {
        var ids = new DuplicateIds();

        Assert.Null(ids.Add("first", 0));
        Assert.Equal(0, ids.Add("first", 1));
    }

    [Fact]
    public void Identifiers_differing_only_in_case_or_by_one_character_are_distinct()
    {
        var ids = new DuplicateIds();

        Assert.Null(ids.Add("GB-123", 1));
        Assert.Null(ids.Add("gb-123", 2));
        Assert.Null(ids.Add("GB-124", 3));
        Assert.Null(ids.Add("GB-123 ", 4));
        Assert.Equal(1, ids.Add("GB-123", 5));
    }

    [Fact]
    public void Every_first_row_survives_the_tables_growing()
    {
        const int Count = 300_000;
        var ids = new DuplicateIds();

        for (var row = 1; row <= Count; row++) Assert.Null(ids.Add($"id-{row}", row));
        for (var row = 1; row <= Count; row++) Assert.Equal(row, ids.Add($"id-{row}", Count + row));
    }

    [Fact]
    public void A_negative_row_is_refused()
    {
        var ids = new DuplicateIds();

        Assert.Throws<ArgumentOutOfRangeException>(() => ids.Add("x", -1));
    }
}
