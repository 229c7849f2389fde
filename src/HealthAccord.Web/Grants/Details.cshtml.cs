using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants.Editing;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Grants;

/// <summary>/grants/{id}: one grant's whole record, read through the same query as the API, with its history of edits.</summary>
public sealed class DetailsModel(HealthAccordDbContext db, GrantLabels labels, TimeProvider clock, GrantEditor editor, IAuthorizationService authorization)
    : PageModel
{
    public GrantDetail Grant { get; private set; } = null!;

    public TimelineModel History { get; private set; } = null!;

    /// <summary>Whether the reader may edit this grant (the link to the form is shown only then).</summary>
    public bool CanEdit { get; private set; }

    public string ApiUrl => $"/api/v1/grants/{Grant.Id}";

    public IEnumerable<GrantParticipantDto> Funders => Grant.Participants.Where(p => p.Role == ParticipantRole.Funder);

    public IEnumerable<GrantParticipantDto> Recipients =>
        Grant.Participants.Where(p => p.Role != ParticipantRole.Funder).OrderBy(p => p.Role == ParticipantRole.Lead ? 0 : 1);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        GrantPageCaching.DoNotCache(HttpContext);
        var detail = await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct);
        if (detail is null) return NotFound();
        Grant = detail;
        CanEdit = await authorization.MayEditAsync(User, await editor.TargetAsync(id, ct));
        History = await TimelineModel.LoadAsync(db, authorization, User, HistoryFilter.Record(RecordType.Grant, GrantHistory.RecordId(id)),
            $"{ApiUrl}/history", ct);
        return Page();
    }

    /// <summary>schema.org MonetaryGrant: the amount, the funders, and the recipients as what it funds.</summary>
    public JsonObject StructuredData()
    {
        var g = Grant;
        var pageUrl = JsonLd.AbsoluteUrl(Request, g.Url);
        JsonObject Organisation(GrantParticipantDto p) => JsonLd.Node("Organization")
            .Set("name", p.Name)
            .Set("alternateName", p.Acronym)
            .Set("url", JsonLd.AbsoluteUrl(Request, p.Url));
        return JsonLd.Node("MonetaryGrant", withContext: true)
            .Set("@id", pageUrl)
            .Set("url", pageUrl)
            .Set("identifier", g.Identifier)
            .Set("name", g.Title)
            .Set("description", g.Description is null ? null : DisplayText.Excerpt(g.Description, 5000))
            .Set("amount", JsonLd.Node("MonetaryAmount")
                .Set("currency", g.Currency)
                .Set("value", JsonValue.Create(g.AmountAwarded)))
            .Set("funder", JsonLd.Array(Funders.Select(Organisation)))
            .Set("fundedItem", JsonLd.Array(Recipients.Select(Organisation)));
    }
}
