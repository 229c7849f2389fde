using System.Globalization;
using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Outbreaks;

/// <summary>
/// /outbreaks/{id}/events: a server-sent event stream for the live board. It sends the clock at once, a "change" event
/// whenever this instance records an answer, convening or close for the outbreak (<see cref="BoardChanges"/>), and a
/// "tick" at a fixed interval so the clock advances; each event re-reads the outbreak from the database, which is how
/// changes made on another instance arrive (with the next tick). The stream ends when the response is closed.
/// </summary>
[NoOutputCache]
public sealed class EventsModel(HealthAccordDbContext db, TimeProvider clock, ClockRules rules, BoardChanges changes,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var first = await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct);
        if (first is null) return NotFound();
        using var subscription = changes.Watch(id);
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-store";
        var tick = rules.BoardTick;
        try
        {
            await SendAsync("clock", first, ct);
            var detail = first;
            Task<bool>? changed = null;
            while (detail.ClosedAt is null && !ct.IsCancellationRequested)
            {
                // One wait for a change outlives the ticks it spans; the tick is wall-clock time, whatever clock the outbreak is read with.
                changed ??= subscription.Changes.WaitToReadAsync(ct).AsTask();
                var woke = await Task.WhenAny(changed, Task.Delay(tick, ct));
                var kind = "tick";
                if (woke == changed)
                {
                    ct.ThrowIfCancellationRequested();
                    kind = "change";
                    changed = null;
                    while (subscription.Changes.TryRead(out _)) { }
                }
                db.ChangeTracker.Clear();
                detail = await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct);
                if (detail is null) break;
                await SendAsync(kind, detail, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The reader went away; nothing is left to send.
        }
        return new EmptyResult();
    }

    private async Task SendAsync(string kind, OutbreakDetail detail, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(new BoardEvent(detail.Version, detail.Clock.Status, detail.Clock.HoursSinceTrigger, detail.ClosedAt is not null,
            detail.Clock.Milestones.Select(m => new BoardMilestone(m.Kind, m.State)).ToList()), json.Value.SerializerOptions);
        await Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"event: {kind}\ndata: {data}\n\n"), ct);
        await Response.Body.FlushAsync(ct);
    }

    private sealed record BoardMilestone(MilestoneKind Kind, MilestoneState State);

    private sealed record BoardEvent(int Version, ClockStatus Status, double HoursSinceTrigger, bool Closed, IReadOnlyList<BoardMilestone> Milestones);
}
