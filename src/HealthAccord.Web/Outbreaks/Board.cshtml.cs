using HealthAccord.Data;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks;

/// <summary>
/// /outbreaks/{id}/board: the status board alone, as an HTML fragment, which the outbreak page's script fetches to
/// replace its board when the event stream says something changed or the clock ticked.
/// </summary>
[NoOutputCache]
public sealed class BoardModel(HealthAccordDbContext db, TimeProvider clock, ClockRules rules) : PageModel
{
    public OutbreakDetail Outbreak { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var detail = await OutbreakQueries.DetailAsync(db, id, clock.GetUtcNow().UtcDateTime, rules, ct);
        if (detail is null) return NotFound();
        Outbreak = detail;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
