using HealthAccord.Web.Authorization;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Grants.Upload;

/// <summary>
/// /grants/import/{id}: where an uploaded import stands: waiting (and behind how many), running (rows read so far),
/// then its counts and its report. The page reloads itself with a meta refresh until the import is over, so it
/// needs no script.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.GrantImporter)]
[NoOutputCache]
public sealed class StatusModel(GrantUploadQueue queue) : PageModel
{
    /// <summary>How many rows of the report the page lists; the rest are counted.</summary>
    public const int IssuesShown = 1_000;

    public const int RefreshSeconds = 2;

    /// <summary>The upload, or null when this server does not know it (restarted since, or long finished and dropped).</summary>
    public GrantUploadJob? Job { get; private set; }

    public int Ahead { get; private set; }

    public IReadOnlyList<RowError> Issues => Job?.Outcome?.Issues.Take(IssuesShown).ToList() ?? [];

    public int IssuesNotShown => Job?.Outcome is { } o ? o.Issues.Count + o.IssuesNotListed - Issues.Count : 0;

    public string StateText => Job!.State switch
    {
        GrantUploadState.Waiting => Ahead == 1 ? "Waiting: one import runs before this one." : $"Waiting: {Ahead} imports run before this one.",
        GrantUploadState.Running => $"Importing: {DisplayText.Number(Job.RowsRead)} rows read so far.",
        GrantUploadState.Imported => "Imported.",
        GrantUploadState.Refused =>
            "Refused: nothing was imported. The report below lists each problem; correct the file and upload it again, or tick \"Skip invalid rows\".",
        _ => Job.Failure ?? "The import did not finish; nothing was imported.",
    };

    public IActionResult OnGet(Guid id)
    {
        if (queue.Find(id) is not { } job)
        {
            // Not a bare 404: the uploader needs to know the import may never have run, and what to do about it.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Job = job;
        Ahead = job.State == GrantUploadState.Waiting ? queue.AheadOf(job) : 0;
        return Page();
    }
}
