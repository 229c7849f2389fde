using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

/// <summary>/agreements: cooperation agreements, legal acts and terms of reference, filtered by kind, status and partnership.</summary>
public sealed class IndexModel(HealthAccordDbContext db, AccountAccess access) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? KindText { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusText { get; set; }
    [BindProperty(SupportsGet = true)] public string? Partnership { get; set; }

    public IReadOnlyList<AgreementSummary> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public SelectField KindField { get; private set; } = null!;
    public SelectField StatusField { get; private set; } = null!;
    public SelectField PartnershipField { get; private set; } = null!;
    public bool IsFiltered { get; private set; }
    public DownloadLinks Download { get; private set; } = null!;

    /// <summary>Partnership acronyms by slug, to name the linked partnerships in the table.</summary>
    public IReadOnlyDictionary<string, string> PartnershipAcronyms { get; private set; } = new Dictionary<string, string>();

    public string ResultsHeading => (Total, IsFiltered) switch
    {
        (0, _) => "No matching agreements",
        (1, true) => "1 agreement matches",
        (_, true) => $"{DisplayText.Number(Total)} agreements match",
        (1, false) => "1 agreement",
        _ => $"{DisplayText.Number(Total)} agreements",
    };

    /// <summary>Administrators, and editors for their own partnerships, may add an agreement.</summary>
    public bool CanAdd { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rights = await access.RightsOfAsync(User, ct);
        CanAdd = rights.IsAdministrator || rights.EditedPartnerships.Count > 0;
        var partnerships = await db.Partnerships.AsNoTracking()
            .OrderBy(p => p.Acronym).Select(p => new { p.Slug, p.Acronym }).ToListAsync(ct);
        PartnershipAcronyms = partnerships.ToDictionary(p => p.Slug, p => p.Acronym);

        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        Partnership = string.IsNullOrWhiteSpace(Partnership) ? null : Partnership.Trim().ToLowerInvariant();

        // A value the page cannot use is reported next to its field and left out of the search, never a failure.
        var kindValidation = new Validation();
        var kind = EnumValues.Parse<AgreementKind>(kindValidation, "kind", KindText);
        var statusValidation = new Validation();
        var status = EnumValues.Parse<AgreementStatus>(statusValidation, "status", StatusText);
        string? partnershipError = null;
        if (Partnership is not null && !partnerships.Any(p => p.Slug == Partnership))
        {
            partnershipError = $"There is no partnership “{Partnership}”; this filter was ignored. Choose one from the list.";
            Partnership = null;
        }

        KindField = new SelectField("kind", "Kind", "Any kind",
            Enum.GetValues<AgreementKind>().Select(k => new SelectListItem(DisplayText.Label(k), EnumValues.Spell(k), k == kind)).ToList(),
            kindValidation.IsValid ? null : $"“{KindText}” is not a kind of agreement we record; this filter was ignored. Choose one from the list.");
        StatusField = new SelectField("status", "Status", "Any status",
            Enum.GetValues<AgreementStatus>().Select(s => new SelectListItem(DisplayText.Label(s), EnumValues.Spell(s), s == status)).ToList(),
            statusValidation.IsValid ? null : $"“{StatusText}” is not a status we record; this filter was ignored. Choose one from the list.");
        PartnershipField = new SelectField("partnership", "Partnership", "Any partnership",
            partnerships.Select(p => new SelectListItem(p.Acronym, p.Slug, p.Slug == Partnership)).ToList(), partnershipError);
        IsFiltered = Q is not null || !string.IsNullOrWhiteSpace(KindText) || !string.IsNullOrWhiteSpace(StatusText)
            || Partnership is not null || partnershipError is not null;

        var pageNumber = Pager.ReadPageNumber(Request);
        (Results, Total) = await AgreementQueries.ListAsync(db, new AgreementFilter(Q, kind, status, Partnership, null), pageNumber, PageSize, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);
        Download = DownloadLinks.For("/api/v1/agreements", ("q", Q),
            ("kind", kind is { } k ? EnumValues.Spell(k) : null),
            ("status", status is { } s ? EnumValues.Spell(s) : null),
            ("partnership", Partnership));
    }
}
