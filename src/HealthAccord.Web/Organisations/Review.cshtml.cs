using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Organisations.Review;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>
/// /organisations/review: the organisations imports created because nothing in the registry matched, each with its
/// likely duplicates. An administrator merges one into a suggestion, or confirms it as an organisation of its own.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Administrator)]
[NoOutputCache]
public sealed class ReviewModel(HealthAccordDbContext db, OrganisationMerger merger, ChangeActor actor) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<FlaggedOrganisation> Flagged { get; private set; } = [];

    public int Total { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last action was refused, shown above the list.</summary>
    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMergeAsync(int id, int into, CancellationToken ct)
    {
        var names = await NamesAsync([id, into], ct);
        var outcome = await merger.MergeAsync(id, into, await actor.OfAsync(User, ct), ChangeSource.Web, ct);
        if (outcome.Problem is { } problem)
        {
            Refusal = problem.Detail;
            Response.StatusCode = problem.Status ?? StatusCodes.Status409Conflict;
            await LoadAsync(ct);
            return Page();
        }
        Notice = $"{names.GetValueOrDefault(id)} was merged into {names.GetValueOrDefault(into)}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReviewedAsync(int id, CancellationToken ct)
    {
        var outcome = await this.RecordAsync(() => ReviewWrites.ConfirmAsync(HttpContext, db, id, ct), ct);
        if (outcome.Succeeded)
        {
            Notice = $"{outcome.Record!.Name} is confirmed as an organisation of its own.";
            return RedirectToPage();
        }
        if (outcome.Refused!.StatusCode == StatusCodes.Status404NotFound) return NotFound();
        Refusal = outcome.Refused.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused.StatusCode;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => (Flagged, Total) = await DuplicateSuggestions.ListAsync(db, Shown, ct);

    private Task<Dictionary<int, string>> NamesAsync(int[] ids, CancellationToken ct) =>
        db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
}
