using HealthAccord.Data.Common;

namespace HealthAccord.Web.Shared;

/// <summary>One source as an edit form shows it: a row of three text boxes.</summary>
public sealed class SourceRow
{
    public string? Url { get; set; }

    public string? Title { get; set; }

    public string? AsOf { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(AsOf);
}

/// <summary>
/// The sources part of an edit form. Without scripts a form cannot grow rows, so it always offers a few blank ones
/// below the record's sources; blank rows are left out of what is saved.
/// </summary>
public static class SourceRows
{
    public const int BlankRows = 2;

    public static List<SourceRow> From(IEnumerable<SourceReference> sources) =>
        [.. sources.Select(s => new SourceRow { Url = s.Url, Title = s.Title, AsOf = s.AsOf }), .. Blank()];

    public static List<SourceRow> Blank() => [.. Enumerable.Range(0, BlankRows).Select(_ => new SourceRow())];

    /// <summary>The rows filled in, as the API takes them, with the form row each came from (for placing messages).</summary>
    public static (List<SourceInput> Sources, List<int> Rows) ToInput(IReadOnlyList<SourceRow>? rows)
    {
        var sources = new List<SourceInput>();
        var indexes = new List<int>();
        for (var i = 0; i < (rows?.Count ?? 0); i++)
        {
            if (rows![i].IsBlank) continue;
            sources.Add(new SourceInput(rows[i].Url, rows[i].Title, rows[i].AsOf));
            indexes.Add(i);
        }
        return (sources, indexes);
    }

    /// <summary>The form field of an API field name such as "sources[2].url", given the rows the sources came from.</summary>
    public static string? FieldOf(string field, string apiName, string formName, IReadOnlyList<int> rows)
    {
        if (field == apiName) return formName;
        if (!field.StartsWith(apiName + "[", StringComparison.Ordinal)) return null;
        var close = field.IndexOf(']', StringComparison.Ordinal);
        if (close < 0 || !int.TryParse(field.AsSpan(apiName.Length + 1, close - apiName.Length - 1), out var index) || index >= rows.Count) return formName;
        var rest = field[(close + 1)..];
        return rest.StartsWith('.') && rest.Length > 1
            ? $"{formName}[{rows[index]}].{char.ToUpperInvariant(rest[1])}{rest[2..]}"
            : $"{formName}[{rows[index]}]";
    }

    /// <summary>Sources in one line each, for the side-by-side view of a conflict.</summary>
    public static string Describe(IEnumerable<SourceInput>? sources) =>
        string.Join("\n", (sources ?? []).Select(s => string.IsNullOrWhiteSpace(s.AsOf) ? $"{s.Title?.Trim()} <{s.Url?.Trim()}>" : $"{s.Title?.Trim()} <{s.Url?.Trim()}> ({s.AsOf.Trim()})"));
}
