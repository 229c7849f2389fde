using System.Globalization;
using System.Text;

namespace HealthAccord.Web.Grants.Export;

/// <summary>How an export names the search it holds: in words inside a 360Giving package, and in the download's file name.</summary>
public static class GrantExportDescription
{
    private const int MaxWordsInFileName = 40;

    /// <summary>"Grants matching “malaria”, funder Wellcome Trust, running on 2026-11-28"; "All grants" without a search.</summary>
    public static string Of(GrantSearchQuery query)
    {
        var parts = new List<string>();
        if (query.Text is { } text) parts.Add($"matching “{text}”");
        foreach (var (facet, values) in query.Filters.OrderBy(f => GrantFacet.All.ToList().IndexOf(f.Key)))
            parts.Add($"{facet.Legend.ToLowerInvariant()} {string.Join(" or ", values)}");
        if (query.Live) parts.Add("running today");
        return parts.Count == 0 ? "All grants" : "Grants " + string.Join(", ", parts);
    }

    /// <summary>
    /// healthaccord-grants-2026-11-28-malaria-vaccine.csv: the day, and the search words when there are some, in
    /// plain ASCII so every browser and file system keeps the name as it is.
    /// </summary>
    public static string FileName(GrantSearchQuery query, GrantExportFormat format, DateOnly today)
    {
        var name = new StringBuilder("healthaccord-grants-").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (query.Text is { } text && Slug(text) is { Length: > 0 } words) name.Append('-').Append(words);
        else if (query.IsFiltered) name.Append("-filtered");
        return name.Append(format.FileEnding).ToString();
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (slug.Length == MaxWordsInFileName) break;
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(char.ToLowerInvariant(c));
            else if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue; // the accent of an "é"
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().Trim('-');
    }
}
