using System.Globalization;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Html;

namespace HealthAccord.Web.Pathogens;

/// <summary>How the briefing writes its figures and draws its bars.</summary>
public static class BriefingDisplay
{
    /// <summary>Whole euros: cents mean nothing in a portfolio total.</summary>
    public static string Euros(decimal amount) => GrantDisplay.Money(Math.Round(amount, MidpointRounding.AwayFromZero), "EUR");

    public static string NotSummed(int grants) =>
        $"{DisplayText.Number(grants)} {Plural(grants, "grant")} without a euro amount, not in the total";

    public static string Plural(int count, string noun) => count == 1 ? noun
        : noun.EndsWith('y') && !noun.EndsWith("ey", StringComparison.Ordinal) ? noun[..^1] + "ies"
        : noun + "s";

    /// <summary>
    /// A bar as long as the value's share of the largest, drawn by a meter element: its length comes from attributes, so
    /// the page needs no inline style (the site's policy forbids them). Hidden from screen readers, which read the figures.
    /// </summary>
    public static IHtmlContent Bar(decimal value, decimal max)
    {
        if (max <= 0) return HtmlString.Empty;
        var scale = max.ToString(CultureInfo.InvariantCulture);
        var amount = Math.Max(0m, value).ToString(CultureInfo.InvariantCulture);
        return new HtmlString($"<meter class=\"briefing-bar\" min=\"0\" max=\"{scale}\" value=\"{amount}\" aria-hidden=\"true\"></meter>");
    }
}
