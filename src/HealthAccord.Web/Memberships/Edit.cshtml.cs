using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

/// <summary>
/// /memberships/{id}/edit: a seat, changed or removed by its partnership's editors through the same writes as the
/// API's PUT and DELETE. A stale form shows both versions and saves nothing.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db) : RecordEditPageModel<Membership>
{
    [BindProperty]
    public MembershipForm Form { get; set; } = new();

    /// <summary>Who holds the seat, for headings.</summary>
    public string Holder { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = MembershipForm.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var outcome = await this.RecordAsync(() => MembershipWrites.UpdateAsync(HttpContext, db, id, Form.Version, Form.ToInput(Stored.Partnership.Slug), ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{Stored.Partnership.Slug}#history");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            var conflict = new ConflictModel("seat", Form.Version, Stored.Version, await MembershipForm.CompareAsync(db, Form, Stored, ct),
                await ConflictModel.LatestChangeAsync(db, RecordType.Membership, id, ct), $"/partnerships/{Stored.Partnership.Slug}");
            Form.Version = Stored.Version;
            return ConflictPage(conflict);
        }
        return Refused(outcome.Refused!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var version = Form.Version;
        Form = MembershipForm.From(Stored);
        ModelState.Clear();
        if (!DeleteConfirmed("Tick the box to confirm that the seat is removed.")) return Page();
        var outcome = await this.RecordAsync(() => MembershipWrites.DeleteAsync(HttpContext, db, id, version, ct), ct);
        if (outcome.Succeeded) return Redirect($"/partnerships/{Stored.Partnership.Slug}#history");
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            Form = MembershipForm.From(Stored);
            return StaleDeletePage($"The seat was changed after you opened this page (it is now at version {Stored.Version}), so it was not removed. " +
                "Check it below and remove it again if you still mean to.");
        }
        return Refused(outcome.Refused!);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var stored = await db.Memberships.AsNoTracking().Include(m => m.Partnership).Include(m => m.Organisation)
            .SingleOrDefaultAsync(m => m.Id == id, ct);
        if (stored is null) return NotFound();
        Stored = stored;
        Holder = stored.Organisation?.Name ?? stored.CountryCode ?? "";
        if (await HttpContext.AuthorizeWriteAsync(new PartnershipContent(stored.PartnershipId)) is not null) return Forbid();
        ViewData["Organisations"] = await MembershipForm.OrganisationChoicesAsync(db, Form.OrganisationId ?? stored.OrganisationId, ct);
        return null;
    }
}
