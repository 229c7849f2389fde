using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>
/// /organisations/{id}/alerts: where the organisation takes outbreak alerts (an email address, a webhook, or both), for its
/// representatives and administrators. The webhook's signing secret is made here, shown once after saving, and can be
/// replaced. These settings are private to the funder, so unlike the record they stay out of the public history; the
/// server log notes who changed them, without the values.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class AlertsModel(HealthAccordDbContext db, TimeProvider clock, ILogger<AlertsModel> logger) : FormPageModel
{
    [BindProperty]
    public AlertContactForm Form { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>A webhook secret exists (its value is never shown again after the save that made it).</summary>
    public bool HasSecret { get; private set; }

    /// <summary>The secret made by the last save, for this one page view.</summary>
    [TempData]
    public string? NewSecret { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = AlertContactForm.From(await db.FunderContacts.AsNoTracking().SingleOrDefaultAsync(c => c.OrganisationId == id, ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form.Check(ModelState, nameof(Form));
        if (!ModelState.IsValid) return Page();

        var contact = await db.FunderContacts.SingleOrDefaultAsync(c => c.OrganisationId == id, ct);
        if ((contact?.Version ?? 0) != Form.Version) return Stale(contact);
        if (contact is null)
        {
            contact = new FunderContact { OrganisationId = id };
            db.FunderContacts.Add(contact);
        }
        else
        {
            // Another save between this read and the write fails the version check rather than overwriting it.
            db.Entry(contact).Property(c => c.Version).OriginalValue = Form.Version;
        }
        contact.Email = Form.Email;
        contact.WebhookUrl = Form.WebhookUrl;
        string? madeSecret = null;
        if (contact.WebhookUrl is null) contact.WebhookSecret = null;
        else if (contact.WebhookSecret is null || Form.NewSecret) contact.WebhookSecret = madeSecret = AlertContactForm.NewSigningSecret();
        contact.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        contact.Version = Form.Version + 1;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(await db.FunderContacts.AsNoTracking().SingleOrDefaultAsync(c => c.OrganisationId == id, ct));
        }
        catch (DbUpdateException) when (Form.Version == 0)
        {
            // Two first saves at once: the other one made the row.
            db.ChangeTracker.Clear();
            return Stale(await db.FunderContacts.AsNoTracking().SingleOrDefaultAsync(c => c.OrganisationId == id, ct));
        }
        logger.LogInformation("Outbreak alert settings of organisation {OrganisationId} changed by {User}; new webhook secret: {NewSecret}.",
            id, User.Identity?.Name, madeSecret is not null);
        NewSecret = madeSecret;
        Notice = "Saved. Alerts of outbreaks declared from now on go to the addresses below.";
        return Redirect($"/organisations/{id}/alerts");
    }

    private IActionResult Stale(FunderContact? stored)
    {
        Form = AlertContactForm.From(stored);
        HasSecret = stored?.WebhookSecret is not null;
        Refusal = "Someone changed these settings after you opened this page, so nothing was saved. The form now shows what is stored; " +
            "make your change again if you still mean to.";
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound();
        Organisation = organisation;
        if (await HttpContext.AuthorizeWriteAsync(new OrganisationRecord(id)) is not null) return Forbid();
        HasSecret = await db.FunderContacts.AnyAsync(c => c.OrganisationId == id && c.WebhookSecret != null, ct);
        return null;
    }
}
