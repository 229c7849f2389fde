using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>/organisations/{id}: one organisation, its seats across all partnerships and the agreements it is party to.</summary>
public sealed class DetailsModel(HealthAccordDbContext db, IAuthorizationService authorization) : PageModel
{
    public OrganisationDetail Organisation { get; private set; } = null!;

    /// <summary>Changes to the organisation and the memberships it holds.</summary>
    public TimelineModel History { get; private set; } = null!;

    /// <summary>The organisation's grants in the portfolio by award year, as funder and as recipient.</summary>
    public OrganisationGrantTotals GrantTotals { get; private set; } = null!;

    public GrantYearTableModel FundedTable => new("funded", $"Grants funded by {ShortName}, by award year", GrantTotals.AsFunder, GrantTotals.FunderSearchUrl);

    public GrantYearTableModel ReceivedTable => new("received", $"Grants received by {ShortName}, by award year", GrantTotals.AsRecipient, GrantTotals.RecipientSearchUrl);

    private string ShortName => Organisation.Acronym ?? Organisation.Name;

    public string ApiUrl => $"/api/v1/organisations/{Organisation.Id}";

    /// <summary>Distinct partnerships, as a seat may be held twice (for example member and chair).</summary>
    public int PartnershipCount => Organisation.Memberships.Select(m => m.PartnershipSlug).Distinct().Count();

    /// <summary>Whether the reader may edit the record (its representative and administrators): the page then links to the form.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>For those who may edit: how the organisation takes outbreak alerts (null when it has set up none).</summary>
    public HealthAccord.Data.Outbreaks.FunderContact? AlertContact { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var detail = await OrganisationQueries.DetailAsync(db, id, ct);
        if (detail is null)
        {
            // A merged duplicate's address, bookmarked or linked before the merge, leads to the organisation kept.
            return await Review.OrganisationMerger.SurvivorOfAsync(db, id, ct) is { } survivor
                ? RedirectPermanent($"/organisations/{survivor}")
                : NotFound();
        }
        Organisation = detail;
        GrantTotals = (await OrganisationGrantTotals.ForAsync(db, id, ct))!;
        CanEdit = (await authorization.AuthorizeAsync(User, new OrganisationRecord(id), WriteRequirement.Instance)).Succeeded;
        if (CanEdit) AlertContact = await db.FunderContacts.AsNoTracking().SingleOrDefaultAsync(c => c.OrganisationId == id, ct);
        History = await TimelineModel.LoadAsync(db, authorization, User, HistoryFilter.Organisation(id), $"{ApiUrl}/history", ct);
        return Page();
    }

    public JsonObject StructuredData()
    {
        var o = Organisation;
        var pageUrl = JsonLd.AbsoluteUrl(Request, $"/organisations/{o.Id}");
        return JsonLd.Node("Organization", withContext: true)
            .Set("@id", pageUrl)
            .Set("name", o.Name)
            .Set("alternateName", o.Acronym)
            .Set("url", o.Website ?? pageUrl)
            .Set("mainEntityOfPage", pageUrl)
            .Set("sameAs", o.RorUrl)
            .Set("identifier", o.RorId is null ? null : JsonLd.Node("PropertyValue").Set("propertyID", "ROR").Set("value", o.RorId))
            .Set("address", o.CountryName is null ? null : JsonLd.Node("PostalAddress").Set("addressCountry", o.CountryCode))
            .Set("memberOf", JsonLd.Array(o.Memberships.Where(m => m.Left is null).DistinctBy(m => m.PartnershipSlug).Select(m =>
                JsonLd.Node("Organization")
                    .Set("name", m.PartnershipName)
                    .Set("alternateName", m.PartnershipAcronym)
                    .Set("url", JsonLd.AbsoluteUrl(Request, $"/partnerships/{m.PartnershipSlug}")))));
    }
}
