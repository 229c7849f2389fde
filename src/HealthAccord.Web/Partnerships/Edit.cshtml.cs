using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Partnerships;

/// <summary>
/// /partnerships/{slug}/edit: the partnership's own fields for its editors and administrators, saved through the
/// same write as the API's PUT; and, for administrators, deleting it. The form carries the version it was filled
/// from: if the record changed since, both versions are shown side by side and nothing is saved.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db, TimeProvider clock) : RecordEditPageModel<Partnership>
{
    [BindProperty]
    public PartnershipForm Form { get; set; } = new();

    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        Form = PartnershipForm.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        var year = clock.GetUtcNow().Year;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), input.Validate(year));
            return Page();
        }

        var outcome = await this.RecordAsync(() => PartnershipWrites.UpdateAsync(HttpContext, db, Stored.Id, Form.Version, input, year, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{outcome.Record!.Slug}#history");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Stale)
        {
            // Read again: the recording rolled back and the stored record is what someone else saved.
            if (await LoadAsync(slug, ct) is { } gone) return gone;
            var conflict = new ConflictModel("partnership", Form.Version, Stored.Version, PartnershipConflict.Rows(input, Stored),
                await ConflictModel.LatestChangeAsync(db, RecordType.Partnership, Stored.Id, ct), $"/partnerships/{Stored.Slug}");
            Form.Version = Stored.Version;
            return ConflictPage(conflict);
        }
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, CancellationToken ct)
    {
        if (await LoadAsync(slug, ct) is { } refused) return refused;
        if (!CanDelete) return Forbid();
        var version = Form.Version;
        Form = PartnershipForm.From(Stored);
        ModelState.Clear();
        if (!DeleteConfirmed("Tick the box to confirm that the partnership, its members and goals are deleted.")) return Page();
        var outcome = await this.RecordAsync(() => PartnershipWrites.DeleteAsync(HttpContext, db, Stored.Id, version, ct), ct);
        if (outcome.Succeeded) return Redirect("/partnerships");
        if (outcome.Stale)
        {
            if (await LoadAsync(slug, ct) is { } gone) return gone;
            Form = PartnershipForm.From(Stored);
            return StaleDeletePage($"The partnership was changed after you opened this page (it is now at version {Stored.Version}), so it was not deleted. " +
                "Check the record below and delete it again if you still mean to.");
        }
        return Refused(outcome.Refused!);
    }

    /// <summary>The stored partnership and the right to change it; null when the page may go on.</summary>
    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        var stored = await db.Partnerships.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, ct);
        if (stored is null) return NotFound();
        Stored = stored;
        if (await HttpContext.AuthorizeWriteAsync(new PartnershipContent(stored.Id)) is not null) return Forbid();
        CanDelete = await HttpContext.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is null;
        return null;
    }
}
