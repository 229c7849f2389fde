using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Grants.Editing;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Grants;

/// <summary>
/// /grants/{id}/edit: the grant's own fields in a form, checked as the API checks them. The form carries the version
/// it was filled from; when someone else saved in between, nothing is saved and the page shows both versions side by
/// side, with the form now based on the newer one so that saving again is a deliberate choice.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db, GrantLabels labels, TimeProvider clock, GrantEditor editor, IAuthorizationService authorization,
    ChangeActor actor) : PageModel
{
    [BindProperty]
    public GrantForm Form { get; set; } = new();

    public GrantDetail Grant { get; private set; } = null!;

    /// <summary>Set when the edit was refused as stale: the grant as it is saved now, to compare with <see cref="Form"/>.</summary>
    public GrantForm? Saved { get; private set; }

    /// <summary>Set with <see cref="Saved"/>: the values the reader sent, which were not saved.</summary>
    public GrantForm? Mine { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = GrantForm.From(GrantInput.From(Grant));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var validation = new Validation();
        var input = Form.ToInput(validation);
        var (checks, values) = await input.ValidateAsync(db, ct);
        foreach (var (field, messages) in validation.Errors.Concat(checks.Errors).DistinctBy(e => e.Key))
        {
            foreach (var message in messages) ModelState.AddModelError($"{nameof(Form)}.{GrantForm.FieldFor(field)}", message);
        }
        if (!validation.IsValid || values is null) return Page();
        if (Form.Version != Grant.Version) return Conflict();

        var outcome = await editor.SaveAsync(id, Form.Version, values, await actor.OfAsync(User, ct), ChangeSource.Web, ct);
        switch (outcome.Status)
        {
            case GrantEditStatus.NotFound:
                return NotFound();
            case GrantEditStatus.Stale:
                if (await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct) is not { } newer) return NotFound();
                Grant = newer;
                return Conflict();
            default:
                // Post, redirect, get: the grant's page shows the edit in its history, and a reload does not send it twice.
                return Redirect($"/grants/{id}#history");
        }
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var detail = await GrantQueries.DetailAsync(db, labels, id, clock.Today(), ct);
        if (detail is null) return NotFound();
        if (!await authorization.MayEditAsync(User, await editor.TargetAsync(id, ct))) return Forbid();
        Grant = detail;
        return null;
    }

    private PageResult Conflict()
    {
        Mine = Form;
        Saved = GrantForm.From(GrantInput.From(Grant));
        // The reader's values stay in the form; only the version moves on, so that sending it again overwrites knowingly.
        Form = new GrantForm
        {
            Title = Mine.Title,
            Description = Mine.Description,
            Currency = Mine.Currency,
            Amount = Mine.Amount,
            AwardDate = Mine.AwardDate,
            PlannedStart = Mine.PlannedStart,
            PlannedEnd = Mine.PlannedEnd,
            Programme = Mine.Programme,
            Call = Mine.Call,
            Topic = Mine.Topic,
            Countries = Mine.Countries,
            Version = Grant.Version,
        };
        ModelState.Remove($"{nameof(Form)}.{nameof(GrantForm.Version)}");
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
