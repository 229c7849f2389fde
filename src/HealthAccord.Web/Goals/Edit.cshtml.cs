using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Goals;

/// <summary>
/// /goals/{id}/edit: a goal and its indicator's measurements, for its partnership's editors, through the same writes
/// as the API's goal and measurement endpoints. A stale goal form shows both versions and saves nothing; adding or
/// removing a measurement does not depend on the goal's version, as in the API.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db, TimeProvider clock) : RecordEditPageModel<Goal>
{
    [BindProperty]
    public GoalForm Form { get; set; } = new();

    [BindProperty]
    public MeasurementForm Measurement { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = GoalForm.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var input = Form.ToInput(Stored.Partnership.Slug, ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), (await input.ValidateAsync(db, ct)).Validation);
            return Page();
        }
        var outcome = await this.RecordAsync(() => GoalWrites.UpdateAsync(HttpContext, db, id, Form.Version, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{Stored.Partnership.Slug}#history");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            var conflict = new ConflictModel("goal", Form.Version, Stored.Version, GoalForm.Compare(input, Stored),
                await ConflictModel.LatestChangeAsync(db, RecordType.Goal, id, ct), $"/partnerships/{Stored.Partnership.Slug}");
            Form.Version = Stored.Version;
            return ConflictPage(conflict);
        }
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostAddMeasurementAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = GoalForm.From(Stored);
        ClearExcept(nameof(Measurement));
        var input = Measurement.ToInput(ModelState, nameof(Measurement));
        if (!ModelState.IsValid)
        {
            ModelState.AddErrors(nameof(Measurement), input.Validate(clock.Today(), out _));
            return Page();
        }
        var outcome = await this.RecordAsync(() => GoalWrites.AddMeasurementAsync(HttpContext, db, id, input, clock.Today(), ct), ct);
        if (outcome.Succeeded) return Redirect($"/goals/{id}/edit#measurements-title");
        if (outcome.Invalid is { } invalid)
        {
            ModelState.AddErrors(nameof(Measurement), invalid);
            return Page();
        }
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostDeleteMeasurementAsync(int id, int measurementId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var outcome = await this.RecordAsync(() => GoalWrites.DeleteMeasurementAsync(HttpContext, db, id, measurementId, ct), ct);
        if (outcome.Succeeded) return Redirect($"/goals/{id}/edit#measurements-title");
        Form = GoalForm.From(Stored);
        ModelState.Clear();
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var version = Form.Version;
        Form = GoalForm.From(Stored);
        ModelState.Clear();
        if (!DeleteConfirmed("Tick the box to confirm that the goal and its measurements are deleted.")) return Page();
        var outcome = await this.RecordAsync(() => GoalWrites.DeleteAsync(HttpContext, db, id, version, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{Stored.Partnership.Slug}#history");
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            Form = GoalForm.From(Stored);
            return StaleDeletePage($"The goal was changed after you opened this page (it is now at version {Stored.Version}), so it was not deleted. " +
                "Check it below and delete it again if you still mean to.");
        }
        return Refused(outcome.Refused!);
    }

    /// <summary>Each form of the page posts only its own fields; what the others bound (nothing) is not their error.</summary>
    private void ClearExcept(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var stored = await db.Goals.AsNoTracking().Include(g => g.Partnership).Include(g => g.Measurements)
            .SingleOrDefaultAsync(g => g.Id == id, ct);
        if (stored is null) return NotFound();
        Stored = stored;
        return await HttpContext.AuthorizeWriteAsync(new PartnershipContent(stored.PartnershipId)) is null ? null : Forbid();
    }
}
