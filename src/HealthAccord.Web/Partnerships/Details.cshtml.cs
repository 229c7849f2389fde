using System.Globalization;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Partnerships;

/// <summary>/partnerships/{slug}: the whole record of one partnership, read through the same query as the API.</summary>
public sealed class DetailsModel(HealthAccordDbContext db, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public PartnershipDetail Partnership { get; private set; } = null!;

    /// <summary>Changes to the partnership, its memberships and its goals.</summary>
    public TimelineModel History { get; private set; } = null!;

    /// <summary>Members who have not left: the number the lists show.</summary>
    public int CurrentMemberCount => Partnership.Members.Count(m => m.Left is null);

    public string ApiUrl => $"/api/v1/partnerships/{Partnership.Slug}";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var today = clock.Today();
        var detail = await PartnershipQueries.DetailAsync(db, slug, today, ct);
        if (detail is null)
        {
            // Slugs are lower-case; send a mistyped capital to the one real address rather than a 404.
            var lower = slug.ToLowerInvariant();
            if (lower != slug && await PartnershipQueries.DetailAsync(db, lower, today, ct) is not null)
                return RedirectPermanent($"/partnerships/{Uri.EscapeDataString(lower)}");
            return NotFound();
        }
        Partnership = detail;
        History = await TimelineModel.LoadAsync(db, authorization, User, HistoryFilter.Partnership(detail.Id), $"{ApiUrl}/history", ct);
        return Page();
    }

    public JsonObject StructuredData()
    {
        var p = Partnership;
        var pageUrl = JsonLd.AbsoluteUrl(Request, $"/partnerships/{p.Slug}");
        var members = p.Members.Where(m => m.Left is null).Select(m => m.OrganisationId is { } id
            ? JsonLd.Node("Organization")
                .Set("name", m.OrganisationName)
                .Set("alternateName", m.OrganisationAcronym)
                .Set("url", JsonLd.AbsoluteUrl(Request, $"/organisations/{id}"))
            : JsonLd.Node("Country")
                .Set("name", m.CountryName ?? m.CountryCode)
                .Set("identifier", m.CountryCode));
        return JsonLd.Node("Organization", withContext: true)
            .Set("@id", pageUrl)
            .Set("name", p.Name)
            .Set("alternateName", p.Acronym)
            .Set("description", p.Summary)
            .Set("url", p.Website ?? pageUrl)
            .Set("mainEntityOfPage", pageUrl)
            .Set("foundingDate", p.FoundedYear?.ToString(CultureInfo.InvariantCulture))
            .Set("knowsAbout", JsonLd.Array(p.Themes.Select(t => JsonValue.Create(t))))
            .Set("member", JsonLd.Array(members))
            .Set("subjectOf", JsonLd.Array(p.Sources.Select(s => JsonLd.Node("WebPage").Set("url", s.Url).Set("name", s.Title))));
    }
}
