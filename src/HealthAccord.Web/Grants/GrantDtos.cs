using System.ComponentModel;
using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants;

/// <summary>An organisation's part in a grant, linking to its page.</summary>
public sealed record GrantOrganisationRef(int Id, string Name, ParticipantRole Role, string Url);

/// <summary>One search result.</summary>
public sealed record GrantListItem(
    long Id,
    string Identifier,
    string Title,
    [property: Description("HTML: the part of the description that best matches the words searched, with the grant's text HTML-escaped " +
        "and each matched word in <mark>; the description's opening when no words were given. Null without a description.")]
    string? Snippet,
    decimal AmountAwarded,
    string Currency,
    [property: Description("The amount in euros at the ECB rate of the award date; null when there is none.")]
    decimal? AmountEur,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    [property: Description("Whether today falls within the planned start and end dates.")]
    bool Live,
    IReadOnlyList<GrantOrganisationRef> Funders,
    [property: Description("The lead recipient first, then the other participants.")]
    IReadOnlyList<GrantOrganisationRef> Recipients,
    [property: Description("ISO 3166-1 codes of the countries where the research takes place or that benefit from it.")]
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Pathogens,
    string Url);

/// <summary>A facet value with the number of grants it would show.</summary>
public sealed record FacetValue(
    [property: Description("What to pass in the facet's query parameter.")] string Value,
    string Label,
    [property: Description("Grants matching the search with this value. For a facet with values selected, counted as if none of that " +
        "facet's values were selected (they are alternatives), with every other filter applied.")]
    int Count,
    [property: Description("Whether the search already filters by this value.")] bool Selected);

/// <summary>The most frequent values of each facet among the matching grants (at most facetLimit each), plus any selected value.</summary>
public sealed record GrantFacets(
    IReadOnlyList<FacetValue> Funder,
    IReadOnlyList<FacetValue> Recipient,
    IReadOnlyList<FacetValue> Country,
    IReadOnlyList<FacetValue> Year,
    IReadOnlyList<FacetValue> AmountBand,
    IReadOnlyList<FacetValue> Currency,
    IReadOnlyList<FacetValue> Partnership,
    IReadOnlyList<FacetValue> Pathogen,
    IReadOnlyList<FacetValue> Hrcs)
{
    public IReadOnlyList<FacetValue> this[GrantFacet facet] => facet.Key switch
    {
        "funder" => Funder,
        "recipient" => Recipient,
        "country" => Country,
        "year" => Year,
        "amountBand" => AmountBand,
        "currency" => Currency,
        "partnership" => Partnership,
        "pathogen" => Pathogen,
        "hrcs" => Hrcs,
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet.Key, "Not a grant facet."),
    };
}

public sealed record GrantSearchLinks(string Self, string? Next, string? Prev);

/// <summary>A page of grant search results.</summary>
public sealed record GrantSearchResponse(
    IReadOnlyList<GrantListItem> Items,
    [property: Description("Grants matching the search, on all pages.")] int Total,
    int PageNumber,
    int PageSize,
    GrantFacets Facets,
    GrantSearchLinks Links);

public sealed record GrantParticipantDto(
    int OrganisationId,
    string Name,
    string? Acronym,
    string? CountryCode,
    ParticipantRole Role,
    decimal? Share,
    int Position,
    string Url);

public sealed record GrantCountryDto(string Code, string Name);

public sealed record GrantPathogenDto(
    [property: Description("Stable code of the pathogen, as used by the `pathogen` search filter.")] string Pathogen,
    [property: Description("The pathogen's name for readers.")] string Name,
    [property: Description("The tagging rule that matched, so the tag can be checked.")] string Rule);

public sealed record GrantCategoryDto(string Code, string Label);

public sealed record GrantPartnershipRef(
    string Slug,
    string Acronym,
    string Name,
    string Url,
    [property: Description("Why the grant belongs to the partnership under the linking rules; null when the rules no longer produce the link (the registry changed since the last relink).")]
    string? Reason);

public sealed record GrantSourceDto(
    [property: Description("The file or publisher the grant was imported from.")] string Dataset,
    [property: Description("Its row (or position) there.")] int Row);

/// <summary>The whole record of one grant.</summary>
public sealed record GrantDetail(
    long Id,
    string Identifier,
    string Title,
    string? Description,
    decimal AmountAwarded,
    string Currency,
    string? CurrencyName,
    [property: Description("The amount in euros at eurRate; null when the ECB gives no rate for the currency and date.")]
    decimal? AmountEur,
    [property: Description("Units of the award currency per euro (ECB reference rate).")]
    decimal? EurRate,
    [property: Description("The day of that rate: the award date or the nearest earlier day with a quote.")]
    DateOnly? EurRateDate,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    [property: Description("Whether today falls within the planned start and end dates.")]
    bool Live,
    string? Programme,
    string? Call,
    string? Topic,
    IReadOnlyList<GrantParticipantDto> Participants,
    IReadOnlyList<GrantCountryDto> Countries,
    IReadOnlyList<GrantPathogenDto> Pathogens,
    IReadOnlyList<GrantCategoryDto> Categories,
    IReadOnlyList<GrantPartnershipRef> Partnerships,
    GrantSourceDto Source,
    DateTime ImportedAt,
    DateTime UpdatedAt,
    int Version,
    string Url);
