using HealthAccord.Data;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Outbreaks.Feed;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks;

/// <summary>/outbreaks/feed.atom: outbreaks and their milestones as an Atom feed (<see cref="OutbreakFeed"/>).</summary>
[NoOutputCache]
public sealed class FeedModel(HealthAccordDbContext db, TimeProvider clock, ClockRules rules) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var body = await OutbreakFeed.WriteAsync(db, Board.OutbreakText.SiteRoot(HttpContext), clock.GetUtcNow().UtcDateTime, rules, ct);
        return File(body, "application/atom+xml; charset=utf-8");
    }
}
