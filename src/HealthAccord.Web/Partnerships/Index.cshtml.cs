using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Partnerships;

/// <summary>/partnerships: search and filter the partnerships, with downloads of the same selection.</summary>
public sealed class IndexModel(HealthAccordDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [BindProperty(SupportsGet = true, Name = "euRole")] public string? EuRoleText { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }

    public IReadOnlyList<PartnershipSummary> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> ThemeOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> EuRoleOptions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> CountryOptions { get; private set; } = [];

    /// <summary>Messages shown next to a filter the page could not use; the search runs without that filter.</summary>
    public Dictionary<string, string> FilterErrors { get; } = new(StringComparer.Ordinal);
    public bool IsFiltered { get; private set; }
    public string CsvUrl { get; private set; } = "";

    public string ResultsHeading => (Total, IsFiltered) switch
    {
        (0, _) => "No matching partnerships",
        (1, true) => "1 partnership matches",
        (_, true) => $"{DisplayText.Number(Total)} partnerships match",
        (1, false) => "1 partnership",
        _ => $"{DisplayText.Number(Total)} partnerships",
    };
    public string JsonUrl { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var themes = (await db.Partnerships.AsNoTracking().Select(p => p.Themes).ToListAsync(ct))
            .SelectMany(t => t).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var countries = await db.Countries.AsNoTracking()
            .Where(c => db.Memberships.Any(m => m.CountryCode == c.Code || (m.Organisation != null && m.Organisation.CountryCode == c.Code)))
            .OrderBy(c => c.Name).Select(c => new { c.Code, c.Name }).ToListAsync(ct);

        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        Theme = string.IsNullOrWhiteSpace(Theme) ? null : Theme.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();

        var validation = new Validation();
        var euRole = EnumValues.Parse<EuRole>(validation, "euRole", EuRoleText);
        if (!validation.IsValid)
            FilterErrors["euRole"] = $"“{EuRoleText}” is not an EU role we record; this filter was ignored. Choose one from the list.";
        if (Country is not null && !countries.Any(c => c.Code == Country))
        {
            FilterErrors["country"] = $"No member comes from a country coded “{Country}”; this filter was ignored. Choose one from the list.";
            Country = null;
        }
        var usableEuRole = euRole is { } role ? EnumValues.Spell(role) : null;

        ThemeOptions = themes.Select(t => new SelectListItem(t, t, string.Equals(t, Theme, StringComparison.OrdinalIgnoreCase))).ToList();
        EuRoleOptions = Enum.GetValues<EuRole>()
            .Select(r => new SelectListItem(DisplayText.Label(r), EnumValues.Spell(r), r == euRole)).ToList();
        CountryOptions = countries.Select(c => new SelectListItem(c.Name, c.Code, c.Code == Country)).ToList();
        IsFiltered = Q is not null || Theme is not null || EuRoleText is not null || Country is not null;

        var pageNumber = Pager.ReadPageNumber(Request);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        (Results, Total) = await PartnershipQueries.ListAsync(db, new PartnershipFilter(Q, Theme, euRole, Country), pageNumber, PageSize, today, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);

        // The downloads carry the same filters the list used (an unusable filter is left out, as it was here).
        var filters = new List<KeyValuePair<string, string>>();
        if (Q is not null) filters.Add(new("q", Q));
        if (Theme is not null) filters.Add(new("theme", Theme));
        if (usableEuRole is not null) filters.Add(new("euRole", usableEuRole));
        if (Country is not null) filters.Add(new("country", Country));
        CsvUrl = "/api/v1/partnerships" + new QueryBuilder([new("format", "csv"), .. filters]).ToQueryString();
        JsonUrl = "/api/v1/partnerships" + new QueryBuilder([new("format", "json"), .. filters]).ToQueryString();
    }
}
