using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Responses;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks;

/// <summary>
/// /outbreaks/{id}/responses/{responseId}/record: a funder answered the secretariat by phone or email, and an editor of a
/// partnership the outbreak concerns (or an administrator) writes the answer down for it. The same answer form and
/// rules as the funder's own pages; the step says how the answer came and who wrote it down.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class RecordAnswerModel(HealthAccordDbContext db, IAuthorizationService authorization, ChangeActor actor) : SignedInAnswerPageModel
{
    /// <summary>"phone" or "email": how the funder gave the answer.</summary>
    [BindProperty]
    public string? Channel { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int responseId, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(id, responseId, ct) is { } refused) return refused;
        Form = AnswerForm.From(Answer);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int responseId, CancellationToken ct)
    {
        if (await LoadAsync(id, responseId, ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form));
        ResponseChannel? channel = Channel switch { "phone" => ResponseChannel.Phone, "email" => ResponseChannel.Email, _ => null };
        if (channel is null)
        {
            ModelState.AddModelError(nameof(Channel), "Say how the funder gave this answer: by phone or by email.");
            // The answer's own problems too, so that the form is put right in one go rather than one field per post.
            if (Outbreak.ClosedAt is null) ModelState.AddErrors(nameof(Form), await ResponseAnswers.CheckAsync(db, input, ct));
        }
        if (!ModelState.IsValid && Outbreak.ClosedAt is null) return Page();

        var response = (await ResponseAnswers.LoadAsync(db, id, responseId, ct))!;
        var author = await actor.OfAsync(User, ct);
        // A closed outbreak is refused by the answer rules before anything is read from the form.
        var outcome = await AnswerPage.RecordAsync(this, db, response, input, new Answerer(channel ?? ResponseChannel.Phone, author.Name), author, ct);
        return await ShowOutcomeAsync(outcome, $"/outbreaks/{id}/responses/{responseId}/record?saved=true", () => LoadAsync(id, responseId, ct));
    }

    private async Task<IActionResult?> LoadAsync(int id, int responseId, CancellationToken ct)
    {
        var detail = await AnswerPage.DetailAsync(this, db, id, ct);
        var answer = detail?.Responses.SingleOrDefault(r => r.Id == responseId);
        if (detail is null || answer is null) return NotFound();
        var target = new OutbreakAnswerOnBehalf(detail.Partnerships.Select(p => p.Id).ToHashSet());
        if (!(await authorization.AuthorizeAsync(User, target, WriteRequirement.Instance)).Succeeded) return Forbid();
        Outbreak = detail;
        Answer = answer;
        return null;
    }
}
