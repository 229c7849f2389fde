using HealthAccord.Data;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Pathogens;

/// <summary>/pathogens/{code}: the briefing on one pathogen, optionally singling out some countries, printable as it is.</summary>
public sealed class DetailsModel(PathogenBriefingQuery query, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock) : PageModel
{
    public PathogenBriefing Briefing { get; private set; } = null!;

    /// <summary>The countries field as typed, kept when it is refused.</summary>
    public string CountriesInput { get; private set; } = "";

    public string? CountriesError { get; private set; }

    public string ApiUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, [FromQuery(Name = "countries")] string[]? countries, CancellationToken ct)
    {
        GrantPageCaching.DoNotCache(HttpContext);
        if (PathogenCatalogue.Find(code.ToLowerInvariant()) is not { } pathogen) return NotFound();
        CountriesInput = string.Join(", ", countries ?? []);
        var validation = new Validation();
        var focus = BriefingCountries.Parse(countries ?? [], await labels.CountriesAsync(db, ct), validation);
        if (!validation.IsValid)
        {
            // The briefing still shows, for the whole portfolio: the reader sees what was wrong beside the field.
            CountriesError = string.Join(" ", validation.Errors[BriefingCountries.Field]);
            focus = [];
        }
        Briefing = (await query.BriefAsync(pathogen.Code, focus, clock.Today(), ct))!;
        ApiUrl = $"/api/v1/pathogens/{pathogen.Code}/briefing" + (focus.Count == 0 ? "" : "?countries=" + string.Join(",", focus));
        return Page();
    }
}
