using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Outbreaks.Notifications;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>
/// /outbreaks/new: an editor (for partnerships they edit) or an administrator declares an outbreak through the same
/// write as the API's POST; the funders are alerted as soon as it is saved, and the editor lands on its page.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class NewModel(HealthAccordDbContext db, AccountAccess access, IOptions<OutbreakOptions> options) : PageModel
{
    [BindProperty]
    public DeclarationForm Form { get; set; } = new();

    public string? Refusal { get; private set; }

    public IReadOnlyList<SelectListItem> Pathogens { get; } =
    [
        .. PathogenCatalogue.All.Where(p => p.Code != DeclarationInput.DiseaseX).OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .Select(p => new SelectListItem(p.DisplayName, p.Code)),
        new SelectListItem("Disease X (unknown)", DeclarationInput.DiseaseX),
    ];

    public IReadOnlyList<SelectListItem> Grades { get; } =
        EnumChoices.Of<WhoGrading>(g => g == WhoGrading.Ungraded ? "Not graded" : $"Grade {(int)g}");

    /// <summary>Every partnership, with those the account edits first; administrators edit them all.</summary>
    public IReadOnlyList<(string Slug, string Label, bool Edited)> PartnershipChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused) return refused;
        Form = DeclarationForm.Blank(options.Value.DefaultQuorumShare);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form), out var sourceRows);
        if (!ModelState.IsValid)
        {
            var (validation, _) = await input.ValidateAsync(db, HttpContext.RequestServices.GetRequiredService<TimeProvider>(),
                options.Value.DefaultQuorumShare, ct);
            AddErrors(validation, sourceRows);
            return Page();
        }
        var outcome = await this.RecordAsync(() => OutbreakWrites.DeclareAsync(HttpContext, db, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/outbreaks/{outcome.Record!.Id}");
        if (outcome.Invalid is { } invalid)
        {
            AddErrors(invalid, sourceRows);
            return Page();
        }
        if (outcome.Refused!.StatusCode == StatusCodes.Status403Forbidden)
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(DeclarationForm.Partnerships)}",
                "You may declare an outbreak only for partnerships you edit; untick the others.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Refusal = outcome.Refused.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused.StatusCode;
        return Page();
    }

    /// <summary>
    /// The API's messages next to the fields, but the grade's in the form's words: the API's lists its codes
    /// (grade1, …), and the form offers "Not graded" and "Grade 1" to "Grade 3".
    /// </summary>
    private void AddErrors(Validation validation, IReadOnlyList<int> sourceRows)
    {
        if (validation.Errors.ContainsKey("whoGrading"))
            ModelState.AddModelError($"{nameof(Form)}.{nameof(DeclarationForm.WhoGrading)}",
                "Choose the WHO grade, or “Not graded” if WHO has not graded the event yet.");
        ModelState.AddErrors(nameof(Form), validation, field => DeclarationForm.FieldOf(field, sourceRows));
    }

    /// <summary>Only those the API lets declare: administrators and editors of some partnership.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var rights = await access.RightsOfAsync(User, ct);
        if (!rights.IsAdministrator && rights.EditedPartnerships.Count == 0) return Forbid();
        var partnerships = await db.Partnerships.AsNoTracking().Select(p => new { p.Id, p.Slug, p.Acronym, p.Name }).ToListAsync(ct);
        PartnershipChoices = [.. partnerships
            .Select(p => (p.Slug, Label: string.IsNullOrWhiteSpace(p.Acronym) || p.Acronym == p.Name ? p.Name : $"{p.Acronym}: {p.Name}", Edited: rights.Edits(p.Id)))
            .OrderByDescending(p => p.Edited).ThenBy(p => p.Label, StringComparer.OrdinalIgnoreCase)];
        return null;
    }
}
