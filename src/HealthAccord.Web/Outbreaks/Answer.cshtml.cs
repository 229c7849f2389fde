using HealthAccord.Data;
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
/// /outbreaks/{id}/respond: the signed-in representative of a funder asked in this outbreak answers for it, with the same
/// form as the signed link. Anyone else is refused: only the funder's representative answers for it on the site.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class AnswerModel(HealthAccordDbContext db, AccountAccess access, ChangeActor actor) : SignedInAnswerPageModel
{
    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = AnswerForm.From(Answer);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid) return Page();
        var response = (await ResponseAnswers.LoadAsync(db, id, Answer.Id, ct))!;
        var author = await actor.OfAsync(User, ct);
        var outcome = await AnswerPage.RecordAsync(this, db, response, input,
            new Answerer(HealthAccord.Data.Outbreaks.ResponseChannel.Account, author.Name), author, ct);
        return await ShowOutcomeAsync(outcome, $"/outbreaks/{id}/respond?saved=true", () => LoadAsync(id, ct));
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var detail = await AnswerPage.DetailAsync(this, db, id, ct);
        if (detail is null) return NotFound();
        var organisation = (await access.RightsOfAsync(User, ct)).RepresentedOrganisation;
        var answer = detail.Responses.SingleOrDefault(r => r.OrganisationId == organisation);
        if (organisation is null || answer is null) return Forbid();
        Outbreak = detail;
        Answer = answer;
        return null;
    }
}
