using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>
/// What the two signed-in answer pages share — the funder's own (/outbreaks/{id}/respond) and staff writing an answer
/// down for a funder (/outbreaks/{id}/responses/{responseId}/record): the outbreak and answer shown, the form, and how
/// a post that did not save is shown again. The signed link's page (Respond) also renders without an outbreak, for a
/// bad link, so it keeps its own.
/// </summary>
public abstract class SignedInAnswerPageModel : PageModel
{
    public OutbreakDetail Outbreak { get; protected set; } = null!;

    public FunderResponseDto Answer { get; protected set; } = null!;

    public bool Saved { get; protected set; }

    public ConflictNotice? Stale { get; private set; }

    public string? Refusal { get; private set; }

    [BindProperty]
    public AnswerForm Form { get; set; } = new();

    /// <summary>
    /// After an answer was recorded: to <paramref name="savedUrl"/> when saved; otherwise the form again, with the
    /// answer's errors on its fields, or — after <paramref name="reload"/> has read the answer as it now stands — the
    /// stored version beside a conflict notice, or the refusal (a closed outbreak) with its status code.
    /// </summary>
    protected async Task<IActionResult> ShowOutcomeAsync(WriteOutcome<OutbreakResponse> outcome, string savedUrl, Func<Task> reload)
    {
        if (outcome.Succeeded) return Redirect(savedUrl);
        if (outcome.Invalid is { } invalid)
        {
            ModelState.AddErrors(nameof(Form), invalid);
            return Page();
        }
        await reload();
        ModelState.Clear();
        if (outcome.Stale)
        {
            Stale = new ConflictNotice(Form.Version, Answer.Version);
            Form = AnswerForm.From(Answer);
        }
        else Refusal = outcome.Refused!.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused!.StatusCode;
        return Page();
    }
}
