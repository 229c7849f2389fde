using System.ComponentModel;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// The query string of an export: the file format and the same search parameters as <c>GET /api/v1/grants</c>,
/// without paging, since an export holds every match.
/// </summary>
public sealed record GrantExportRequest(
    [property: FromQuery(Name = "format"), Description("The file format: csv, xlsx, json (the API's grant records) or 360giving (a 360Giving JSON package).")]
    string? Format,
    [property: FromQuery(Name = "q"), Description("Words to find in the title, description or organisation names, as in the search.")]
    string? Q,
    [property: FromQuery(Name = "funder"), Description("Funder name; repeat for alternatives.")]
    string[]? Funder,
    [property: FromQuery(Name = "recipient"), Description("Recipient organisation name (lead or participant); repeat for alternatives.")]
    string[]? Recipient,
    [property: FromQuery(Name = "country"), Description("ISO 3166-1 alpha-2 code of a recipient organisation's country; repeat for alternatives.")]
    string[]? Country,
    [property: FromQuery(Name = "year"), Description("Award year, such as 2024; repeat for alternatives.")]
    string[]? Year,
    [property: FromQuery(Name = "currency"), Description("ISO 4217 code of the award currency; repeat for alternatives.")]
    string[]? Currency,
    [property: FromQuery(Name = "amountBand"), Description("Amount in euros: under-50k, 50k-250k, 250k-1m, 1m-5m, 5m-plus or unknown; repeat for alternatives.")]
    string[]? AmountBand,
    [property: FromQuery(Name = "partnership"), Description("Partnership slug, such as glopid-r; repeat for alternatives.")]
    string[]? Partnership,
    [property: FromQuery(Name = "pathogen"), Description("Pathogen tag; repeat for alternatives.")]
    string[]? Pathogen,
    [property: FromQuery(Name = "hrcs"), Description("HRCS health category code, 000 to 020; repeat for alternatives.")]
    string[]? Hrcs,
    [property: FromQuery(Name = "live"), Description("true keeps grants whose planned start and end dates include today.")]
    bool? Live,
    [property: FromQuery(Name = "sort"), Description("The order of the rows: relevance (the default with q), amount, amount-asc, date (the default without q) or date-asc.")]
    string? Sort)
{
    /// <summary>
    /// The search to export and its format, checked by the same rules as the search itself; each invalid value is
    /// reported under its parameter's name.
    /// </summary>
    public (GrantSearchQuery Query, GrantExportFormat? Format) ToQuery(Validation validation)
    {
        var format = GrantExportFormat.Find(Format);
        if (format is null)
        {
            validation.Add("format", string.IsNullOrWhiteSpace(Format)
                ? $"Choose the file format: {GrantExportFormat.Names}."
                : $"'{Format}' is not one of: {GrantExportFormat.Names}.");
        }
        var search = new GrantSearchRequest(Q, Funder, Recipient, Country, Year, Currency, AmountBand, Partnership, Pathogen, Hrcs,
            Live, Sort, Page: null, PageSize: null, FacetLimit: 0);
        return (search.ToQuery(validation), format);
    }
}
