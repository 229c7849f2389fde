using System.Globalization;
using System.Text.RegularExpressions;
using HealthAccord.Data.Common;

namespace HealthAccord.Data.Registry;

/// <summary>
/// Reads the loose wording sources use for dates and quantities ("c.2017", "2015/16", "over 7000 (…)")
/// into comparable values, keeping the original text beside them.
/// </summary>
public static partial class SourceText
{
    [GeneratedRegex(@"^(?:c\.\s*|early\s+|late\s+|mid\s+)?(?<date>\d{4}(?:-\d{2}){0,2})(?:/(?<end>\d{4}|\d{2})(?!\d))?(?:\b|$)", RegexOptions.IgnoreCase)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?:(?:over|almost|about|nearly|more than|fewer than|at least|approximately|c\.)\s*|[<>~]\s*)?(?<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?=$|\s|\(|\+)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(?<y1>\d{4})\s*[-–]\s*(?<y2>\d{4})\b")]
    private static partial Regex YearRangePattern();

    /// <summary>"c.2017" → 2017; "2015/16" → 2016; "2011-12" → December 2011; "undated" → null.</summary>
    public static PartialDate? ParsePeriod(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = DatePattern().Match(text.Trim());
        if (!match.Success) return null;
        if (match.Groups["end"].Success)
        {
            var start = int.Parse(match.Groups["date"].Value[..4], CultureInfo.InvariantCulture);
            var end = match.Groups["end"].Value;
            var endYear = int.Parse(end, CultureInfo.InvariantCulture);
            // "2015/16" ends in 2016 and "1999/00" in 2000: a two-digit end is the first later year with those digits.
            if (end.Length == 2)
            {
                endYear += start / 100 * 100;
                if (endYear <= start) endYear += 100;
            }
            return endYear > start && endYear <= 9999 ? new PartialDate(endYear) : null;
        }
        return PartialDate.TryParse(match.Groups["date"].Value, out var date) ? date : null;
    }

    /// <summary>The leading quantity of a value text, or null when it does not start with one.</summary>
    public static decimal? ParseQuantity(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = NumberPattern().Match(text.Trim());
        if (!match.Success) return null;
        return decimal.Parse(match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
    }

    /// <summary>A deadline from prose: "2030" → 2030; "2017-2020 (…)" → 2020; "c. 2029 (…)" → 2029; "ongoing" → null.</summary>
    public static PartialDate? ParseDeadline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var trimmed = text.Trim();
        var range = YearRangePattern().Match(trimmed);
        if (range.Success && range.Index <= 3)
            return new PartialDate(int.Parse(range.Groups["y2"].Value, CultureInfo.InvariantCulture));
        return ParsePeriod(trimmed);
    }
}
