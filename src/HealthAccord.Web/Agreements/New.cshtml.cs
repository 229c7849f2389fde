using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Agreements;

/// <summary>
/// /agreements/new: administrators, and editors for their own partnerships, add an agreement through the same write
/// as the API's POST. Opened from a partnership's page it comes linked to that partnership.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db, AccountAccess access) : PageModel
{
    [BindProperty]
    public AgreementForm Form { get; set; } = AgreementForm.Blank(null);

    public string? Refusal { get; private set; }

    /// <summary>The partnership the form was opened from, if any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Partnership { get; set; }

    public string CancelUrl => string.IsNullOrWhiteSpace(Partnership) ? "/agreements" : $"/partnerships/{Uri.EscapeDataString(Partnership)}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused) return refused;
        Form = AgreementForm.Blank(Partnership);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), (await input.ValidateAsync(db, ct)).Validation);
            return Page();
        }
        var outcome = await this.RecordAsync(() => AgreementWrites.CreateAsync(HttpContext, db, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/agreements/{outcome.Record!.Id}");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Refused!.StatusCode == StatusCodes.Status403Forbidden)
        {
            // An editor may have named a partnership that is not theirs, or none: say so next to the field, as the API would refuse it.
            if (!(await access.RightsOfAsync(User, ct)).IsAdministrator)
            {
                // The rights are checked before the fields, as in the API; a slug that names no partnership is still worth saying.
                Form.AddErrors(ModelState, nameof(Form), (await input.ValidateAsync(db, ct)).Validation);
                ModelState.AddModelError($"{nameof(Form)}.{nameof(AgreementForm.Partnerships)}",
                    "Link the agreement to at least one partnership, and only to partnerships you edit.");
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Page();
            }
            return Forbid();
        }
        Refusal = outcome.Refused.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused.StatusCode;
        return Page();
    }

    /// <summary>Only those the API lets create an agreement: administrators and editors of some partnership.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var rights = await access.RightsOfAsync(User, ct);
        return rights.IsAdministrator || rights.EditedPartnerships.Count > 0 ? null : Forbid();
    }
}
