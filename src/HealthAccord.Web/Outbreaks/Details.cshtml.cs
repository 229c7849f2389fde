using HealthAccord.Data;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Briefing;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Pathogens;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks;

/// <summary>
/// /outbreaks/{id}: the declaration, the 48-hour clock as a status board that follows changes live, and every funder's
/// answers; for editors of a concerned partnership (and administrators), the convening and closing forms and a link per
/// funder to write down an answer it gave by phone or email.
/// </summary>
[NoOutputCache]
public sealed class DetailsModel(
    HealthAccordDbContext db, IAuthorizationService authorization, TimeProvider clock, ClockRules rules, PathogenBriefingQuery portfolio) : PageModel
{
    public OutbreakDetail Outbreak { get; private set; } = null!;

    public ClockRules Rules => rules;

    /// <summary>The portfolio on the pathogen and the calls announced so far, for the convening.</summary>
    public OutbreakBriefing? Briefing { get; private set; }

    public bool CanSteer { get; private set; }

    /// <summary>The signed-in representative's funder is asked in this outbreak, so they get a link to their answer form.</summary>
    public bool CanAnswer { get; private set; }

    [BindProperty]
    public ConveningForm Convening { get; set; } = new();

    [BindProperty]
    public bool ConfirmClose { get; set; }

    [BindProperty]
    public int CloseVersion { get; set; }

    /// <summary>The form whose post failed, so its message shows beside it: "convening", "clear" or "close".</summary>
    public string? FailedForm { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Convening = ConveningForm.From(Outbreak);
        CloseVersion = Outbreak.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostConveningAsync(int id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanSteer) return Forbid();
        FailedForm = "convening";
        CloseVersion = Outbreak.Version;
        var input = Convening.ToInput(ModelState, nameof(Convening));
        if (!ModelState.IsValid) return Page();
        var outcome = await this.RecordAsync(() => OutbreakSteeringWrites.RecordConveningAsync(HttpContext, db, id, input, ct), ct);
        if (outcome.Succeeded)
        {
            BoardChanges.AfterCommit(HttpContext, id);
            return Redirect($"/outbreaks/{id}#clock-title");
        }
        await LoadAsync(id, ct);
        if (outcome.Invalid is { } invalid)
        {
            ModelState.AddErrors(nameof(Convening), invalid);
            return Page();
        }
        return Refused(outcome.Refused!, "convening");
    }

    /// <summary>Clears a convening recorded by mistake; the form posts the outbreak's version it was shown with, as the convening form does.</summary>
    public async Task<IActionResult> OnPostClearConveningAsync(int id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanSteer) return Forbid();
        var version = Convening.Version;
        Convening = ConveningForm.From(Outbreak);
        CloseVersion = Outbreak.Version;
        ModelState.Clear();
        var outcome = await this.RecordAsync(() => OutbreakSteeringWrites.ClearConveningAsync(HttpContext, db, id, version, ct), ct);
        if (outcome.Succeeded)
        {
            BoardChanges.AfterCommit(HttpContext, id);
            return Redirect($"/outbreaks/{id}#clock-title");
        }
        await LoadAsync(id, ct);
        return Refused(outcome.Refused!, "clear");
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanSteer) return Forbid();
        FailedForm = "close";
        Convening = ConveningForm.From(Outbreak);
        ModelState.Clear();
        if (!ConfirmClose)
        {
            ModelState.AddModelError(nameof(ConfirmClose), "Tick the box to confirm that the response is closed and its clock stopped.");
            return Page();
        }
        var outcome = await this.RecordAsync(() => OutbreakSteeringWrites.CloseAsync(HttpContext, db, id, new CloseInput(CloseVersion), ct), ct);
        if (outcome.Succeeded)
        {
            BoardChanges.AfterCommit(HttpContext, id);
            return Redirect($"/outbreaks/{id}");
        }
        await LoadAsync(id, ct);
        return Refused(outcome.Refused!, "close");
    }

    private IActionResult Refused(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem, string form)
    {
        if (problem.StatusCode == StatusCodes.Status403Forbidden) return Forbid();
        if (problem.StatusCode == StatusCodes.Status404NotFound) return NotFound();
        // A stale form: the outbreak changed after it was opened (another editor recorded or closed it); show what is stored now.
        Refusal = Preconditions.IsConcurrentChange(problem)
            ? $"The outbreak was changed after you opened this page (it is now at version {Outbreak.Version}), so nothing was saved. " +
              "The board below shows what is stored now; check it and send the form again if you still mean to."
            : problem.ProblemDetails.Detail;
        FailedForm = form;
        Convening.Version = Outbreak.Version;
        CloseVersion = Outbreak.Version;
        Response.StatusCode = problem.StatusCode;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var detail = await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct);
        if (detail is null) return false;
        Outbreak = detail;
        CanSteer = (await authorization.AuthorizeAsync(User, new OutbreakSteering(detail.Partnerships.Select(p => p.Id).ToHashSet()),
            WriteRequirement.Instance)).Succeeded;
        var organisation = User.Identity?.IsAuthenticated == true
            ? (await HttpContext.RequestServices.GetRequiredService<AccountAccess>().RightsOfAsync(User, ct)).RepresentedOrganisation
            : null;
        CanAnswer = organisation is { } org && detail.Responses.Any(r => r.OrganisationId == org);
        Briefing = await OutbreakBriefings.AssembleAsync(db, portfolio, id, clock.Today(), ct);
        return true;
    }
}
