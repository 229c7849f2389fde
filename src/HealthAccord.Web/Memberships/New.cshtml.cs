using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

/// <summary>/partnerships/{slug}/members/new: the partnership's editors add a seat, through the same write as the API's POST.</summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db) : PageModel
{
    [BindProperty]
    public MembershipForm Form { get; set; } = new() { Sources = SourceRows.Blank() };

    public Partnership Partnership { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var outcome = await this.RecordAsync(() => MembershipWrites.CreateAsync(HttpContext, db, Form.ToInput(slug), ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{slug}#members-title");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Refused!.StatusCode == StatusCodes.Status403Forbidden) return Forbid();
        Refusal = outcome.Refused.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused.StatusCode;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var partnership = await db.Partnerships.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (partnership is null) return NotFound();
        Partnership = partnership;
        if (await HttpContext.AuthorizeWriteAsync(new PartnershipContent(partnership.Id)) is not null) return Forbid();
        ViewData["Organisations"] = await MembershipForm.OrganisationChoicesAsync(db, Form.OrganisationId, ct);
        return null;
    }
}
