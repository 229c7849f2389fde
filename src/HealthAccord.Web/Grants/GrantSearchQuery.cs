using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Grants;

public enum GrantSort
{
    Relevance,
    Amount,
    AmountAsc,
    Date,
    DateAsc,
}

/// <summary>A validated grant search: what the index is asked, whoever asked (the API or the /grants page).</summary>
public sealed record GrantSearchQuery(
    string? Text,
    IReadOnlyDictionary<GrantFacet, IReadOnlyList<string>> Filters,
    bool Live,
    GrantSort Sort,
    int Page,
    int PageSize,
    int FacetLimit)
{
    public IReadOnlyList<string> Selected(GrantFacet facet) => Filters.GetValueOrDefault(facet) ?? [];

    public bool IsFiltered => Text is not null || Live || Filters.Count > 0;

    public static GrantSearchQuery Everything(int pageSize = GrantSearchRequest.DefaultPageSize) =>
        new(null, new Dictionary<GrantFacet, IReadOnlyList<string>>(), false, GrantSort.Date, 1, pageSize, GrantSearchRequest.DefaultFacetLimit);
}

/// <summary>The query string of a grant search, as the API and the page receive it.</summary>
public sealed partial record GrantSearchRequest(
    [property: FromQuery(Name = "q"), Description("Words to find in the title, description or organisation names (Lucene classic syntax).")]
    string? Q,
    [property: FromQuery(Name = "funder"), Description("Funder name, as in the funder facet; repeat for alternatives.")]
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
    [property: FromQuery(Name = "sort"), Description("relevance (the default with q), amount, amount-asc, date (the default without q) or date-asc.")]
    string? Sort,
    [property: FromQuery(Name = "page"), Description("Page number from 1; page × pageSize may not pass 10,000.")]
    int? Page,
    [property: FromQuery(Name = "pageSize"), Description("Results per page, 1 to 100 (default 20).")]
    int? PageSize,
    [property: FromQuery(Name = "facetLimit"), Description("Values listed per facet, 0 to 100 (default 10).")]
    int? FacetLimit)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int DefaultFacetLimit = 10;
    public const int MaxFacetLimit = 100;
    public const int MaxTextLength = 500;
    public const int MaxValuesPerFacet = 50;

    /// <summary>Deep pages cost as much as all the pages before them; past this many results, narrow the search instead.</summary>
    public const int MaxResultWindow = 10_000;

    public static readonly IReadOnlyDictionary<string, GrantSort> SortNames = new Dictionary<string, GrantSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = GrantSort.Relevance,
        ["amount"] = GrantSort.Amount,
        ["amount-asc"] = GrantSort.AmountAsc,
        ["date"] = GrantSort.Date,
        ["date-asc"] = GrantSort.DateAsc,
    };

    public static string SortName(GrantSort sort) => SortNames.First(s => s.Value == sort).Key;

    /// <summary>Reads the same parameters from a query string, for the page (which does not bind through [AsParameters]).</summary>
    public static GrantSearchRequest From(IQueryCollection query, Validation validation)
    {
        string[]? Values(string name)
        {
            var values = query[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
            return values.Length == 0 ? null : values;
        }
        int? Number(string name)
        {
            var text = query[name].ToString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            validation.Add(name, $"'{text}' is not a whole number.");
            return null;
        }
        var liveText = query["live"].ToString();
        bool? live = liveText.Length == 0 ? null : liveText is "true" or "on" or "1";
        return new GrantSearchRequest(query["q"].ToString(), Values("funder"), Values("recipient"), Values("country"), Values("year"),
            Values("currency"), Values("amountBand"), Values("partnership"), Values("pathogen"), Values("hrcs"), live,
            query["sort"].ToString() is { Length: > 0 } sort ? sort : null, Number("page"), Number("pageSize"), Number("facetLimit"));
    }

    /// <summary>
    /// The search these parameters ask for. Each invalid value is reported under its parameter's name and left out,
    /// so the API can answer 400 and the page can show the rest of the search with the message.
    /// </summary>
    public GrantSearchQuery ToQuery(Validation validation)
    {
        var text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (text is { Length: > MaxTextLength })
        {
            validation.Add("q", $"Use at most {MaxTextLength} characters; {text.Length} were given.");
            text = text[..MaxTextLength];
        }

        var filters = new Dictionary<GrantFacet, IReadOnlyList<string>>();
        void Add(GrantFacet facet, string[]? values, Func<string, string?> normalise, string rule)
        {
            if (values is null) return;
            var kept = new List<string>();
            foreach (var raw in values.Where(v => !string.IsNullOrWhiteSpace(v)))
            {
                if (normalise(raw.Trim()) is { } value) kept.Add(value);
                else validation.Add(facet.Key, $"'{raw}' is not {rule}.");
            }
            if (kept.Count > MaxValuesPerFacet) validation.Add(facet.Key, $"Choose at most {MaxValuesPerFacet} values.");
            if (kept.Count > 0) filters[facet] = kept.Distinct(StringComparer.Ordinal).Take(MaxValuesPerFacet).ToList();
        }
        Add(GrantFacet.Funder, Funder, v => v.Length <= 300 ? v : null, "an organisation name of at most 300 characters");
        Add(GrantFacet.Recipient, Recipient, v => v.Length <= 300 ? v : null, "an organisation name of at most 300 characters");
        Add(GrantFacet.Country, Country, v => CountryCode().IsMatch(v) ? v.ToUpperInvariant() : null, "a two-letter country code such as GB");
        Add(GrantFacet.Year, Year, v => YearText().IsMatch(v) ? v : null, "a year such as 2024");
        Add(GrantFacet.Currency, Currency, v => CurrencyCode().IsMatch(v) ? v.ToUpperInvariant() : null, "a three-letter currency code such as EUR");
        Add(GrantFacet.AmountBand, AmountBand, v => AmountBands.IsKnown(v) ? v : null, $"one of: {string.Join(", ", AmountBands.Keys)}");
        Add(GrantFacet.Partnership, Partnership, v => v.Length <= HealthAccord.Data.Limits.Slug ? v.ToLowerInvariant() : null, "a partnership slug");
        Add(GrantFacet.Pathogen, Pathogen, v => v.Length <= 40 ? v : null, "a pathogen code of at most 40 characters");
        Add(GrantFacet.Hrcs, Hrcs, v => HrcsCode().IsMatch(v) ? v : null, "an HRCS health category code from 000 to 020");

        GrantSort sort;
        if (Sort is null) sort = text is null ? GrantSort.Date : GrantSort.Relevance;
        else if (SortNames.TryGetValue(Sort.Trim(), out var named)) sort = named;
        else
        {
            validation.Add("sort", $"'{Sort}' is not one of: {string.Join(", ", SortNames.Keys)}.");
            sort = text is null ? GrantSort.Date : GrantSort.Relevance;
        }

        var pageSize = PageSize ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
        {
            validation.Add("pageSize", $"Choose a page size from 1 to {MaxPageSize}.");
            pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        }
        var page = Page ?? 1;
        if (page < 1)
        {
            validation.Add("page", "Pages are numbered from 1.");
            page = 1;
        }
        else if ((long)page * pageSize > MaxResultWindow)
        {
            validation.Add("page", $"Only the first {MaxResultWindow:N0} results can be paged through; add words or filters to narrow the search.");
            page = MaxResultWindow / pageSize;
        }
        var facetLimit = FacetLimit ?? DefaultFacetLimit;
        if (facetLimit is < 0 or > MaxFacetLimit)
        {
            validation.Add("facetLimit", $"Choose from 0 (no facet counts) to {MaxFacetLimit} values per facet.");
            facetLimit = Math.Clamp(facetLimit, 0, MaxFacetLimit);
        }
        return new GrantSearchQuery(text, filters, Live ?? false, sort, page, pageSize, facetLimit);
    }

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex CountryCode();

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex("^(19|20)[0-9]{2}$")]
    private static partial Regex YearText();

    [GeneratedRegex("^0(0[0-9]|1[0-9]|20)$")]
    private static partial Regex HrcsCode();
}
