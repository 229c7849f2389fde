namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// What a format calls the required fields, so a report line names the field as the publisher's file does
/// ("amountAwarded" in JSON, "Amount Awarded" in a 360Giving CSV, a mapped CSV's own column title).
/// </summary>
internal sealed record GrantFieldNames(
    string Identifier,
    string Title,
    string Currency,
    string AmountAwarded,
    string AwardDate,
    string Funders,
    string Recipients);
