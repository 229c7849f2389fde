using HealthAccord.Data;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks;

/// <summary>/outbreaks: every declared outbreak, active ones first, with where its 48-hour clock stands.</summary>
[NoOutputCache]
public sealed class IndexModel(HealthAccordDbContext db, TimeProvider clock, ClockRules rules) : PageModel
{
    public List<OutbreakSummary> Outbreaks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Outbreaks = await OutbreakQueries.ListAsync(db, clock.GetUtcNow().UtcDateTime, rules, ct);
        return Page();
    }
}
