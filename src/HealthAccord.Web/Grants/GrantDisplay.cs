using System.Globalization;
using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants;

/// <summary>How the grant pages write amounts, dates, roles and sort orders.</summary>
public static class GrantDisplay
{
    /// <summary>"GBP 1,250,000": the ISO code rather than a symbol, since "$" alone does not say which dollar.</summary>
    public static string Money(decimal amount, string currency) =>
        currency + " " + amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "Not given";

    public static string Role(ParticipantRole role) => role switch
    {
        ParticipantRole.Funder => "Funder",
        ParticipantRole.Lead => "Lead recipient",
        ParticipantRole.Participant => "Participant",
        _ => role.ToString(),
    };

    public static string Sort(GrantSort sort) => sort switch
    {
        GrantSort.Relevance => "Best match",
        GrantSort.Amount => "Largest amount first",
        GrantSort.AmountAsc => "Smallest amount first",
        GrantSort.Date => "Newest award first",
        GrantSort.DateAsc => "Oldest award first",
        _ => sort.ToString(),
    };

    /// <summary>The planned period in words, or null when neither date is known.</summary>
    public static string? Period(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        ({ } s, { } e) => $"{Date(s)} to {Date(e)}",
        ({ } s, null) => $"From {Date(s)}",
        (null, { } e) => $"Until {Date(e)}",
        _ => null,
    };
}
