using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
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
    public SelectField ThemeField { get; private set; } = null!;
    public SelectField EuRoleField { get; private set; } = null!;
    public SelectField CountryField { get; private set; } = null!;
    public bool IsFiltered { get; private set; }

    /// <summary>Administrators add partnerships; the page links them to the form.</summary>
    public bool CanAdd { get; private set; }
    public DownloadLinks Download { get; private set; } = null!;

    public string ResultsHeading => (Total, IsFiltered) switch
    {
        (0, _) => "No matching partnerships",
        (1, true) => "1 partnership matches",
        (_, true) => $"{DisplayText.Number(Total)} partnerships match",
        (1, false) => "1 partnership",
        _ => $"{DisplayText.Number(Total)} partnerships",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanAdd = await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is null;
        var themes = (await db.Partnerships.AsNoTracking().Select(p => p.Themes).ToListAsync(ct))
            .SelectMany(t => t).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var countries = await db.Countries.AsNoTracking()
            .Where(c => db.Memberships.Any(m => m.CountryCode == c.Code || (m.Organisation != null && m.Organisation.CountryCode == c.Code)))
            .OrderBy(c => c.Name).Select(c => new { c.Code, c.Name }).ToListAsync(ct);

        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        Theme = string.IsNullOrWhiteSpace(Theme) ? null : Theme.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();

        // A value the page cannot use is reported next to its field and left out of the search, never a failure.
        string? euRoleError = null, countryError = null;
        var validation = new Validation();
        var euRole = EnumValues.Parse<EuRole>(validation, "euRole", EuRoleText);
        if (!validation.IsValid)
            euRoleError = $"“{EuRoleText}” is not an EU role we record; this filter was ignored. Choose one from the list.";
        if (Country is not null && !countries.Any(c => c.Code == Country))
        {
            countryError = $"No member comes from a country coded “{Country}”; this filter was ignored. Choose one from the list.";
            Country = null;
        }
        var usableEuRole = euRole is { } role ? EnumValues.Spell(role) : null;

        ThemeField = new SelectField("theme", "Theme", "Any theme",
            themes.Select(t => new SelectListItem(t, t, string.Equals(t, Theme, StringComparison.OrdinalIgnoreCase))).ToList());
        EuRoleField = new SelectField("euRole", "EU role", "Any role",
            Enum.GetValues<EuRole>().Select(r => new SelectListItem(DisplayText.Label(r), EnumValues.Spell(r), r == euRole)).ToList(), euRoleError);
        CountryField = new SelectField("country", "Member country", "Any country",
            countries.Select(c => new SelectListItem(c.Name, c.Code, c.Code == Country)).ToList(), countryError);
        IsFiltered = Q is not null || Theme is not null || !string.IsNullOrWhiteSpace(EuRoleText) || Country is not null || countryError is not null;

        var pageNumber = Pager.ReadPageNumber(Request);
        var today = clock.Today();
        (Results, Total) = await PartnershipQueries.ListAsync(db, new PartnershipFilter(Q, Theme, euRole, Country), pageNumber, PageSize, today, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);

        // The downloads carry the same filters the list used (an unusable filter is left out, as it was here).
        Download = DownloadLinks.For("/api/v1/partnerships", ("q", Q), ("theme", Theme), ("euRole", usableEuRole), ("country", Country));
    }
}
