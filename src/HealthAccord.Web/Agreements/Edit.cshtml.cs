using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

/// <summary>
/// /agreements/{id}/edit: an agreement for the editors of a partnership it is linked to (and administrators), through
/// the same writes as the API's PUT and DELETE. A stale form shows both versions and saves nothing; deleting is offered
/// only to those who edit every linked partnership.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class EditModel(HealthAccordDbContext db, IAuthorizationService authorization) : RecordEditPageModel<Agreement>
{
    [BindProperty]
    public AgreementForm Form { get; set; } = new();

    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = AgreementForm.From(Stored);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid)
        {
            Form.AddErrors(ModelState, nameof(Form), (await input.ValidateAsync(db, ct)).Validation);
            return Page();
        }
        var outcome = await this.RecordAsync(() => AgreementWrites.UpdateAsync(HttpContext, db, id, Form.Version, input, ct), ct);
        if (outcome.Succeeded) return Redirect($"/agreements/{id}");
        if (outcome.Invalid is { } invalid)
        {
            Form.AddErrors(ModelState, nameof(Form), invalid);
            return Page();
        }
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            var conflict = new ConflictModel("agreement", Form.Version, Stored.Version, AgreementForm.Compare(input, Stored),
                await ConflictModel.LatestChangeAsync(db, RecordType.Agreement, id, ct), $"/agreements/{id}");
            Form.Version = Stored.Version;
            return ConflictPage(conflict);
        }
        // The editor may open the agreement but added or removed a link to a partnership that is not theirs.
        if (outcome.Refused!.StatusCode == StatusCodes.Status403Forbidden)
        {
            ModelState.AddModelError($"{nameof(Form)}.{nameof(AgreementForm.Partnerships)}",
                "You may add or remove links to the partnerships you edit only; the other links must stay as they are.");
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        return Refused(outcome.Refused);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var version = Form.Version;
        Form = AgreementForm.From(Stored);
        ModelState.Clear();
        if (!CanDelete) return Forbid();
        if (!DeleteConfirmed("Tick the box to confirm that the agreement is deleted.")) return Page();
        var outcome = await this.RecordAsync(() => AgreementWrites.DeleteAsync(HttpContext, db, id, version, ct), ct);
        if (outcome.Succeeded) return Redirect("/agreements");
        if (outcome.Stale)
        {
            if (await LoadAsync(id, ct) is { } gone) return gone;
            Form = AgreementForm.From(Stored);
            return StaleDeletePage($"The agreement was changed after you opened this page (it is now at version {Stored.Version}), so it was not deleted. " +
                "Check it below and delete it again if you still mean to.");
        }
        return Refused(outcome.Refused!);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var stored = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.Partnerships)
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (stored is null) return NotFound();
        Stored = stored;
        var linked = stored.Partnerships.Select(p => p.Id).ToHashSet();
        if (await HttpContext.AuthorizeWriteAsync(new AgreementChange(linked, linked)) is not null) return Forbid();
        CanDelete = (await authorization.AuthorizeAsync(User, new AgreementChange(linked, new HashSet<int>(), Deleting: true), WriteRequirement.Instance))
            .Succeeded;
        return null;
    }
}
