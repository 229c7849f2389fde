using System.ComponentModel;
using System.Text.Json.Serialization;

namespace HealthAccord.Web.Pathogens;

/// <summary>A catalogue pathogen with the number of grants tagged with it.</summary>
public sealed record PathogenSummary(
    [property: Description("The stable code used in URLs and grant tags, e.g. ebola.")] string Code,
    string Name,
    string Family,
    [property: Description("On the WHO R&D Blueprint list of priority diseases.")] bool WhoBlueprint,
    [property: Description("Grants in the portfolio tagged with this pathogen.")] int Grants,
    [property: Description("The briefing page.")] string Url,
    [property: Description("The briefing as JSON.")] string BriefingUrl);

/// <summary>The pathogen catalogue, in the catalogue's order.</summary>
public sealed record PathogenList(IReadOnlyList<PathogenSummary> Items);

/// <summary>Grants in an award currency the ECB publishes no rate for: counted, never summed into the euro figures.</summary>
public sealed record UnconvertedAmount(string Currency, int Grants, decimal Amount);

/// <summary>One value of a breakdown: a country, funder, HRCS category or partnership.</summary>
public sealed record BriefingRow(
    [property: Description("The value's code: ISO country code, organisation id or HRCS code.")] string Key,
    string Label,
    [property: Description("The grant search narrowed to this pathogen and this value; for a country, the country's page, since the " +
        "search's country filter is the recipient organisation's country, not the research country counted here.")]
    string Url,
    int Grants,
    [property: Description("Sum of these grants' euro amounts; grants without one are counted in grantsWithoutEur instead.")]
    decimal AmountEur,
    int GrantsWithoutEur);

/// <summary>What a breakdown folds into one line once its top values are listed.</summary>
public sealed record BriefingRemainder(
    [property: Description("How many further values there are.")] int Values,
    [property: Description("The sum of their grant counts: a grant under two of them is counted twice.")] int Grants,
    decimal AmountEur,
    int GrantsWithoutEur);

/// <summary>The largest values of one breakdown, ordered by euro total then grant count, and the rest folded together.</summary>
public sealed record BriefingBreakdown(
    IReadOnlyList<BriefingRow> Top,
    [property: Description("The values beyond the top ones; null when every value is listed.")] BriefingRemainder? Other,
    [property: Description("Grants with no value of this kind recorded (no research country, no funder, no HRCS category).")]
    int GrantsWithoutValue)
{
    [JsonIgnore]
    public bool IsEmpty => Top.Count == 0;

    /// <summary>The largest euro total among the listed rows, the scale of their bars.</summary>
    [JsonIgnore]
    public decimal LargestAmountEur => Top.Count == 0 ? 0m : Top.Max(r => r.AmountEur);
}

/// <summary>Grants awarded in one year.</summary>
public sealed record BriefingYear(int Year, string SearchUrl, int Grants, decimal AmountEur, int GrantsWithoutEur);

/// <summary>A grant worth a glance: among the latest awarded or the largest.</summary>
public sealed record BriefingGrant(
    long Id,
    string Title,
    DateOnly AwardDate,
    decimal AmountAwarded,
    string Currency,
    decimal? AmountEur,
    [property: Description("The first funder as the source lists it; null when none is named.")] string? Funder,
    string Url);

/// <summary>A partnership some of the pathogen's grants are linked to, with its contacts as the registry holds them.</summary>
public sealed record BriefingPartnership(
    string Slug,
    string Acronym,
    string Name,
    int Grants,
    decimal AmountEur,
    int GrantsWithoutEur,
    [property: Description("The secretariat as the registry records it; null when unknown.")] string? Secretariat,
    string? Website,
    string Url,
    string SearchUrl);

/// <summary>The same grants narrowed to the countries asked about (e.g. those an outbreak affects).</summary>
public sealed record BriefingFocus(
    [property: Description("Each country asked about, with the pathogen's grants researching there (zero included).")]
    IReadOnlyList<BriefingRow> Countries,
    [property: Description("Grants researching in at least one of these countries, each counted once.")] int Grants,
    decimal AmountEur,
    int GrantsWithoutEur,
    int LiveGrants,
    BriefingBreakdown Funders);

/// <summary>What the portfolio holds on one pathogen, at a glance.</summary>
public sealed record PathogenBriefing(
    string Code,
    string Name,
    string Family,
    bool WhoBlueprint,
    [property: Description("The day the briefing was computed for: grants are live when it falls between their planned start and end.")]
    DateOnly AsOf,
    int Grants,
    [property: Description("Sum of the euro amounts (each converted at its award date's ECB rate); grants without one are not in it.")]
    decimal AmountEur,
    [property: Description("Grants counted in grants but not in amountEur, because their currency has no ECB rate.")] int GrantsWithoutEur,
    [property: Description("The grants without a euro amount, per award currency, with their amount in that currency.")]
    IReadOnlyList<UnconvertedAmount> Unconverted,
    [property: Description("Grants whose planned start and end dates include asOf.")] int LiveGrants,
    [property: Description("By research country; a grant researching in several countries counts in each.")] BriefingBreakdown ByCountry,
    [property: Description("By funding organisation; a grant with several funders counts, with its whole amount, for each.")]
    BriefingBreakdown ByFunder,
    [property: Description("By HRCS health category; a grant in several categories counts in each.")] BriefingBreakdown ByCategory,
    [property: Description("By award year, oldest first.")] IReadOnlyList<BriefingYear> ByYear,
    [property: Description("The latest awarded grants.")] IReadOnlyList<BriefingGrant> Latest,
    [property: Description("The grants with the largest euro amounts.")] IReadOnlyList<BriefingGrant> Largest,
    [property: Description("Partnerships linked to these grants, most grants first.")] IReadOnlyList<BriefingPartnership> Partnerships,
    [property: Description("Present when countries were asked for.")] BriefingFocus? Focus,
    [property: Description("The grant search listing every grant counted here.")] string SearchUrl,
    string Url)
{
    [JsonIgnore]
    public bool IsEmpty => Grants == 0;
}
