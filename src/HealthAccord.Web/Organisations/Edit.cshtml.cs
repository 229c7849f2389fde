using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>
/// /organisations/{id}/edit: the organisation's record for its representative and administrators, saved through the
/// same write as the API's PUT; deleting it for administrators. A stale form shows both versions and saves nothing.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db) : RecordEditPageModel<Organisation>
{
    [BindProperty]
    public OrganisationForm Form { get; set; } = new();

    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = OrganisationForm.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var input = Form.ToInput();
        var outcome = await this.RecordAsync(() => OrganisationWrites.UpdateAsync(HttpContext, db, id, Form.Version, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/organisations/{id}#history");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            var conflict = new ConflictModel("organisation", Form.Version, Stored.Version, OrganisationForm.Compare(input, Stored),
                await ConflictModel.LatestChangeAsync(db, RecordType.Organisation, id, ct), $"/organisations/{id}");
            Form.Version = Stored.Version;
            return ConflictPage(conflict);
        }
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!CanDelete) return Forbid();
        var version = Form.Version;
        Form = OrganisationForm.From(Stored);
        ModelState.Clear();
        if (!DeleteConfirmed("Tick the box to confirm that the organisation is deleted.")) return Page();
        var outcome = await this.RecordAsync(() => OrganisationWrites.DeleteAsync(HttpContext, db, id, version, ct), ct);
        if (outcome.Succeeded) return Redirect("/organisations");
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            Form = OrganisationForm.From(Stored);
            return StaleDeletePage($"The organisation was changed after you opened this page (it is now at version {Stored.Version}), so it was not deleted. " +
                "Check the record below and delete it again if you still mean to.");
        }
        return Refused(outcome.Refused!);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var stored = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (stored is null) return NotFound();
        Stored = stored;
        if (await HttpContext.AuthorizeWriteAsync(new OrganisationRecord(id)) is not null) return Forbid();
        CanDelete = await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is null;
        return null;
    }
}
