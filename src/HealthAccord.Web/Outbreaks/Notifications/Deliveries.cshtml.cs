using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// /outbreaks/{id}/deliveries: every alert of an outbreak and how its delivery went, so an editor sees at once which
/// funder was not reached and why, and can send an abandoned alert again once the cause is fixed.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class DeliveriesModel(
    HealthAccordDbContext db, AccountAccess access, TimeProvider clock, OutboxSignal signal, ChangeRecorder recorder, ChangeActor actor) : PageModel
{
    public int OutbreakId { get; private set; }
    public string Title { get; private set; } = "";
    public IReadOnlyList<DeliveryRow> Rows { get; private set; } = [];

    /// <summary>Funders asked that no alert went to, for want of any address.</summary>
    public IReadOnlyList<UnreachableFunder> Unreachable { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await ShowAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSendAgainAsync(int id, long messageId, CancellationToken ct)
    {
        if (await ShowAsync(id, ct) is { } refused) return refused;
        SendAgainResult result;
        await using (var recording = await recorder.BeginAsync(await actor.OfAsync(User, ct), ChangeSource.Web, ct))
        {
            result = await OutboxDeliveries.SendAgainAsync(db, clock, recording, id, messageId, ct);
            if (result == SendAgainResult.Requeued) await recording.CompleteAsync(ct);
        }
        if (result == SendAgainResult.Requeued)
        {
            signal.Wake();
            return Redirect($"/outbreaks/{id}/deliveries");
        }
        Notice = result == SendAgainResult.NotFound
            ? "That alert is not one of this outbreak's, so nothing changed."
            : "That alert is not abandoned (it may have been sent again already), so nothing changed.";
        Response.StatusCode = result == SendAgainResult.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> ShowAsync(int id, CancellationToken ct)
    {
        var title = await db.Outbreaks.Where(o => o.Id == id).Select(o => o.Title).SingleOrDefaultAsync(ct);
        if (title is null) return NotFound();
        if (!await OutboxDeliveries.MayFollowAsync(access, User, db, id, ct)) return Forbid();
        OutbreakId = id;
        Title = title;
        Rows = await OutboxDeliveries.ListAsync(db, clock, id, ct);
        Unreachable = await OutboxDeliveries.UnreachableAsync(db, id, ct);
        return null;
    }

    public static string Describe(DeliveryState state) => state switch
    {
        DeliveryState.Queued => "Queued",
        DeliveryState.Sending => "Being sent",
        DeliveryState.Retrying => "Retrying",
        DeliveryState.Delivered => "Delivered",
        DeliveryState.Abandoned => "Abandoned",
        _ => state.ToString(),
    };
}
