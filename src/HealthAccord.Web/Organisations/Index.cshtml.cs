using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>/organisations: search the member organisations by name, type, country and partnership, a page at a time.</summary>
public sealed class IndexModel(HealthAccordDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? TypeText { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partnership { get; set; }

    public IReadOnlyList<OrganisationSummary> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public SelectField TypeField { get; private set; } = null!;
    public SelectField CountryField { get; private set; } = null!;
    public SelectField PartnershipField { get; private set; } = null!;
    public bool IsFiltered { get; private set; }
    public DownloadLinks Download { get; private set; } = null!;

    public string ResultsHeading => (Total, IsFiltered) switch
    {
        (0, _) => "No matching organisations",
        (1, true) => "1 organisation matches",
        (_, true) => $"{DisplayText.Number(Total)} organisations match",
        (1, false) => "1 organisation",
        _ => $"{DisplayText.Number(Total)} organisations",
    };

    /// <summary>Administrators add organisations; the page links them to the form.</summary>
    public bool CanAdd { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanAdd = await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is null;
        var countries = await db.Countries.AsNoTracking()
            .Where(c => db.Organisations.Any(o => o.CountryCode == c.Code))
            .OrderBy(c => c.Name).Select(c => new { c.Code, c.Name }).ToListAsync(ct);
        var partnerships = await db.Partnerships.AsNoTracking()
            .OrderBy(p => p.Acronym).Select(p => new { p.Slug, p.Acronym }).ToListAsync(ct);

        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        Country = string.IsNullOrWhiteSpace(Country) ? null : Country.Trim().ToUpperInvariant();
        Partnership = string.IsNullOrWhiteSpace(Partnership) ? null : Partnership.Trim().ToLowerInvariant();

        // A value the page cannot use is reported next to its field and left out of the search, never a failure.
        string? typeError = null, countryError = null, partnershipError = null;
        var validation = new Validation();
        var type = EnumValues.Parse<OrganisationType>(validation, "type", TypeText);
        if (!validation.IsValid)
            typeError = $"“{TypeText}” is not an organisation type we record; this filter was ignored. Choose one from the list.";
        if (Country is not null && !countries.Any(c => c.Code == Country))
        {
            countryError = $"No organisation is recorded in a country coded “{Country}”; this filter was ignored. Choose one from the list.";
            Country = null;
        }
        if (Partnership is not null && !partnerships.Any(p => p.Slug == Partnership))
        {
            partnershipError = $"There is no partnership “{Partnership}”; this filter was ignored. Choose one from the list.";
            Partnership = null;
        }

        TypeField = new SelectField("type", "Type", "Any type",
            Enum.GetValues<OrganisationType>().Select(t => new SelectListItem(DisplayText.Label(t), EnumValues.Spell(t), t == type)).ToList(), typeError);
        CountryField = new SelectField("country", "Country", "Any country",
            countries.Select(c => new SelectListItem(c.Name, c.Code, c.Code == Country)).ToList(), countryError);
        PartnershipField = new SelectField("partnership", "Member of", "Any partnership",
            partnerships.Select(p => new SelectListItem(p.Acronym, p.Slug, p.Slug == Partnership)).ToList(), partnershipError);
        IsFiltered = Q is not null || !string.IsNullOrWhiteSpace(TypeText) || Country is not null || Partnership is not null
            || countryError is not null || partnershipError is not null;

        var pageNumber = Pager.ReadPageNumber(Request);
        (Results, Total) = await OrganisationQueries.ListAsync(db, new OrganisationFilter(Q, type, Country, Partnership), pageNumber, PageSize, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);
        Download = DownloadLinks.For("/api/v1/organisations", ("q", Q), ("type", type is { } t ? EnumValues.Spell(t) : null),
            ("country", Country), ("partnership", Partnership));
    }
}
