using HealthAccord.Data;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Countries;

/// <summary>/countries: countries with their region, income group and how much of the registry they account for.</summary>
public sealed class IndexModel(HealthAccordDbContext db) : PageModel
{
    private const int PageSize = 100;
    private const string ShowAll = "all";

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? IncomeGroup { get; set; }

    /// <summary>"all" lists every ISO country; anything else only those with an organisation or seat in the registry.</summary>
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }

    public IReadOnlyList<CountrySummary> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public SelectField RegionField { get; private set; } = null!;
    public SelectField IncomeGroupField { get; private set; } = null!;
    public bool ShowingAll { get; private set; }
    public bool IsFiltered { get; private set; }
    public DownloadLinks Download { get; private set; } = null!;

    public string ResultsHeading => (Total, ShowingAll) switch
    {
        (0, _) => "No matching countries",
        (1, false) => "1 country in the registry",
        (_, false) => $"{DisplayText.Number(Total)} countries in the registry",
        (1, true) => "1 country",
        _ => $"{DisplayText.Number(Total)} countries",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var regions = await db.Countries.AsNoTracking().Where(c => c.Region != null && c.Region != "")
            .Select(c => c.Region!).Distinct().OrderBy(r => r).ToListAsync(ct);
        var incomeGroups = await db.Countries.AsNoTracking().Where(c => c.IncomeGroup != null && c.IncomeGroup != "")
            .Select(c => c.IncomeGroup!).Distinct().ToListAsync(ct);
        incomeGroups = incomeGroups.OrderBy(IncomeRank).ThenBy(g => g, StringComparer.Ordinal).ToList();

        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        ShowingAll = string.Equals(Show?.Trim(), ShowAll, StringComparison.OrdinalIgnoreCase);

        // A value the page cannot use is reported next to its field and left out of the search, never a failure.
        string? regionError = null, incomeError = null;
        Region = Match(Region, regions);
        if (Region is null && !string.IsNullOrWhiteSpace(Request.Query["region"]))
            regionError = $"“{Request.Query["region"]}” is not a region we record; this filter was ignored. Choose one from the list.";
        IncomeGroup = Match(IncomeGroup, incomeGroups);
        if (IncomeGroup is null && !string.IsNullOrWhiteSpace(Request.Query["incomeGroup"]))
            incomeError = $"“{Request.Query["incomeGroup"]}” is not a World Bank income group; this filter was ignored. Choose one from the list.";

        RegionField = new SelectField("region", "Region", "Any region",
            regions.Select(r => new SelectListItem(r, r, r == Region)).ToList(), regionError);
        IncomeGroupField = new SelectField("incomeGroup", "Income group", "Any income group",
            incomeGroups.Select(g => new SelectListItem(g, g, g == IncomeGroup)).ToList(), incomeError);
        IsFiltered = Q is not null || Region is not null || IncomeGroup is not null || ShowingAll || regionError is not null || incomeError is not null;

        var pageNumber = Pager.ReadPageNumber(Request);
        (Results, Total) = await CountryQueries.ListAsync(db, new CountryFilter(Q, Region, IncomeGroup, Active: !ShowingAll), pageNumber, PageSize, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);
        Download = DownloadLinks.For("/api/v1/countries", ("q", Q), ("region", Region), ("incomeGroup", IncomeGroup),
            ("active", ShowingAll ? null : "true"));
    }

    private static string? Match(string? value, IEnumerable<string> known) =>
        string.IsNullOrWhiteSpace(value) ? null : known.FirstOrDefault(k => string.Equals(k, value.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>World Bank groups in their natural order, low to high, rather than alphabetical.</summary>
    private static int IncomeRank(string group) => group.ToLowerInvariant() switch
    {
        "low income" => 0,
        "lower middle income" => 1,
        "upper middle income" => 2,
        "high income" => 3,
        _ => 4,
    };
}
