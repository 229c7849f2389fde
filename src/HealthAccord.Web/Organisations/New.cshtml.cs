using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Organisations;

/// <summary>/organisations/new: an administrator adds an organisation, through the same write as the API's POST.</summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db) : PageModel
{
    [BindProperty]
    public OrganisationForm Form { get; set; } = new() { Sources = SourceRows.Blank() };

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is null ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is not null) return Forbid();
        if (!ModelState.IsValid) return Page();
        var outcome = await this.RecordAsync(() => OrganisationWrites.CreateAsync(HttpContext, db, Form.ToInput(), ct), ct);
        if (outcome.Succeeded) return Redirect($"/organisations/{outcome.Record!.Id}");
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
