using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Goals;

/// <summary>/partnerships/{slug}/goals/new: the partnership's editors add a goal, through the same write as the API's POST.</summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db) : PageModel
{
    [BindProperty]
    public GoalForm Form { get; set; } = new() { Sources = SourceRows.Blank() };

    public Partnership Partnership { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) => await LoadAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var input = Form.ToInput(slug, ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), (await input.ValidateAsync(db, ct)).Validation);
            return Page();
        }
        var outcome = await this.RecordAsync(() => GoalWrites.CreateAsync(HttpContext, db, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{slug}#goal-{outcome.Record!.Id}");
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
        return await HttpContext.AuthorizeWriteAsync(new PartnershipContent(partnership.Id)) is null ? null : Forbid();
    }
}
