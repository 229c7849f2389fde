using System.Globalization;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Where the 360Giving columns sit in a flattened CSV's header. The standard titles a column after the field
/// ("Amount Awarded") or after its group and field ("Recipient Org:Name"); a group that repeats is numbered from 0
/// ("Beneficiary Location:1:Country Code"), and the unnumbered form is the first item.
/// </summary>
internal sealed class ThreeSixtyGivingCsvColumns
{
    public const string RecipientGroup = "Recipient Org";
    public const string FunderGroup = "Funding Org";
    public const string LocationGroup = "Beneficiary Location";
    public const string ProgrammeGroup = "Grant Programme";
    public const string ClassificationGroup = "Classifications";
    public const string PlannedDatesGroup = "Planned Dates";

    /// <summary>Keyed by "group:index:field" in lower case; the group is empty for a grant's own fields.</summary>
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _itemCounts = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> _header;

    public ThreeSixtyGivingCsvColumns(IReadOnlyList<string> header)
    {
        _header = header;
        for (var column = 0; column < header.Count; column++)
        {
            var parts = header[column].Split(':', StringSplitOptions.TrimEntries);
            var (group, index, field) = parts switch
            {
                [var f] => ("", 0, f),
                [var g, var f] => (g, 0, f),
                [var g, var i, var f] when int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => (g, n, f),
                _ => ("", -1, ""),
            };
            if (index < 0) continue;
            // The first column with a title wins; a file with the same title twice is read from the first.
            _columns.TryAdd(Key(group, index, field), column);
            _itemCounts[group] = Math.Max(_itemCounts.GetValueOrDefault(group), index + 1);
        }
    }

    /// <summary>The columns without which no grant in the file could be valid.</summary>
    public static readonly (string Group, string Field)[] Required =
    [
        ("", "Identifier"), ("", "Title"), ("", "Currency"), ("", "Amount Awarded"), ("", "Award Date"),
        (RecipientGroup, "Identifier"), (RecipientGroup, "Name"), (FunderGroup, "Identifier"), (FunderGroup, "Name"),
    ];

    public IEnumerable<string> MissingRequired() =>
        Required.Where(r => Find(r.Group, 0, r.Field) < 0).Select(r => Title(r.Group, 0, r.Field));

    /// <summary>How many numbered items of a group the header has columns for.</summary>
    public int Items(string group) => _itemCounts.GetValueOrDefault(group);

    public int Find(string group, int index, string field) => _columns.GetValueOrDefault(Key(group, index, field), -1);

    /// <summary>The column's title as the file spells it, or the standard's title when the column is absent, for report lines.</summary>
    public string Title(string group, int index, string field)
    {
        var column = Find(group, index, field);
        if (column >= 0) return _header[column];
        return group.Length == 0 ? field : index == 0 ? $"{group}:{field}" : $"{group}:{index}:{field}";
    }

    private static string Key(string group, int index, string field) => $"{group}:{index}:{field}";
}
