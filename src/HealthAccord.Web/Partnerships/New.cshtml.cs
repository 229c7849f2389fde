using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Partnerships;

/// <summary>/partnerships/new: an administrator adds a partnership, through the same write as the API's POST.</summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PartnershipForm Form { get; set; } = new() { Sources = SourceRows.Blank() };

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is null ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is not null) return Forbid();
        var year = clock.GetUtcNow().Year;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), input.Validate(year));
            return Page();
        }
        var outcome = await this.RecordAsync(() => PartnershipWrites.CreateAsync(HttpContext, db, input, year, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{outcome.Record!.Slug}");
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
}
