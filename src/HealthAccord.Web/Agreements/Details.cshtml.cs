using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

/// <summary>/agreements/{id}: one agreement with its parties, dates, status, scope, documents and linked partnerships.</summary>
public sealed class DetailsModel(HealthAccordDbContext db, IAuthorizationService authorization) : PageModel
{
    public AgreementDetail Agreement { get; private set; } = null!;

    public TimelineModel History { get; private set; } = null!;

    /// <summary>Whether the visitor may edit the agreement: an administrator, or an editor of a partnership it is linked to.</summary>
    public bool CanEdit { get; private set; }

    public string ApiUrl => $"/api/v1/agreements/{Agreement.Id}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var detail = await AgreementQueries.DetailAsync(db, id, ct);
        if (detail is null) return NotFound();
        Agreement = detail;
        var linked = (await db.Agreements.Where(a => a.Id == id).SelectMany(a => a.Partnerships.Select(p => p.Id)).ToListAsync(ct)).ToHashSet();
        CanEdit = (await authorization.AuthorizeAsync(User, new AgreementChange(linked, linked), WriteRequirement.Instance)).Succeeded;
        History = await TimelineModel.LoadAsync(db, authorization, User, HistoryFilter.Record(RecordType.Agreement, id), $"{ApiUrl}/history", ct);
        return Page();
    }

    /// <summary>Treaties and legal acts are schema.org Legislation; memoranda, terms of reference and grants are plain CreativeWorks.</summary>
    public JsonObject StructuredData()
    {
        var a = Agreement;
        var pageUrl = JsonLd.AbsoluteUrl(Request, $"/agreements/{a.Id}");
        var isLegislation = a.Kind is AgreementKind.LegalAct or AgreementKind.ScienceAndTechnologyCooperation;
        var parties = JsonLd.Array(a.Parties.Select(p => p.OrganisationId is { } orgId
            ? JsonLd.Node("Organization").Set("name", p.OrganisationName ?? p.Name).Set("url", JsonLd.AbsoluteUrl(Request, $"/organisations/{orgId}"))
            : p.CountryCode is { } code && code != "EU"
                ? JsonLd.Node("Country").Set("name", p.Name).Set("identifier", code)
                : JsonLd.Node("Organization").Set("name", p.Name)));
        var node = JsonLd.Node(isLegislation ? "Legislation" : "CreativeWork", withContext: true)
            .Set("@id", pageUrl)
            .Set("name", a.Title)
            .Set("url", pageUrl)
            .Set("description", a.Scope)
            .Set("genre", DisplayText.Label(a.Kind))
            .Set("dateCreated", a.Signed)
            .Set("expires", a.Expires)
            .Set("author", parties)
            .Set("about", JsonLd.Array(a.Partnerships.Select(p =>
                JsonLd.Node("Organization").Set("name", p.Name).Set("alternateName", p.Acronym)
                    .Set("url", JsonLd.AbsoluteUrl(Request, $"/partnerships/{p.Slug}")))))
            .Set("encoding", JsonLd.Array(a.Documents.Select(d =>
                JsonLd.Node("MediaObject").Set("name", d.Title).Set("contentUrl", d.Url).Set("inLanguage", d.Language))))
            .Set("citation", JsonLd.Array(a.Sources.Select(s => JsonValue.Create(s.Url))));
        if (isLegislation)
        {
            node.Set("legislationType", DisplayText.Label(a.Kind))
                .Set("legislationDate", a.Signed)
                .Set("legislationLegalForce", a.Status switch
                {
                    AgreementStatus.InForce => "https://schema.org/InForce",
                    AgreementStatus.Expired or AgreementStatus.Superseded => "https://schema.org/NotInForce",
                    _ => null,
                });
        }
        return node;
    }
}
