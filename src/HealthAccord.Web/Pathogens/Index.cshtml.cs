using HealthAccord.Web.Grants;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Pathogens;

/// <summary>/pathogens: the catalogue, each pathogen with its grant count and a link to its briefing.</summary>
public sealed class IndexModel(PathogenBriefingQuery query) : PageModel
{
    public PathogenList Pathogens { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        GrantPageCaching.DoNotCache(HttpContext);
        Pathogens = await query.ListAsync(ct);
    }
}
