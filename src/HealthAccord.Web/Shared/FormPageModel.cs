using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Shared;

/// <summary>
/// What every registry form page does with a write the rules refused: a missing right or record becomes the site's
/// 403 or 404 page; any other refusal (a 409 or 422 from the shared write code) is shown above the form with its status.
/// </summary>
public abstract class FormPageModel : PageModel
{
    /// <summary>Why the save or delete was refused, when it is not a field's fault.</summary>
    public string? Refusal { get; protected set; }

    protected IActionResult Refused(ProblemHttpResult problem)
    {
        switch (problem.StatusCode)
        {
            case StatusCodes.Status403Forbidden: return Forbid();
            case StatusCodes.Status404NotFound: return NotFound();
            default:
                Refusal = problem.ProblemDetails.Detail;
                Response.StatusCode = problem.StatusCode;
                return Page();
        }
    }
}

/// <summary>
/// An edit page of one stored record: the record as stored, a delete that must be confirmed, and the 409 answers
/// when the record changed after the form was opened (both versions side by side for a save, a refusal for a delete).
/// </summary>
public abstract class RecordEditPageModel<TRecord> : FormPageModel
    where TRecord : class
{
    /// <summary>Ticked to confirm the delete.</summary>
    [BindProperty]
    public bool ConfirmDelete { get; set; }

    /// <summary>The record as stored (its address and name may be what the form is changing).</summary>
    public TRecord Stored { get; protected set; } = null!;

    public ConflictModel? Conflict { get; protected set; }

    /// <summary>False when the delete was not confirmed, with the message next to the box.</summary>
    protected bool DeleteConfirmed(string message)
    {
        if (ConfirmDelete) return true;
        ModelState.AddModelError(nameof(ConfirmDelete), message);
        return false;
    }

    protected IActionResult ConflictPage(ConflictModel conflict)
    {
        Conflict = conflict;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The delete found a newer version than the form's: nothing was deleted, and the page says why.</summary>
    protected IActionResult StaleDeletePage(string explanation)
    {
        Refusal = explanation;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
