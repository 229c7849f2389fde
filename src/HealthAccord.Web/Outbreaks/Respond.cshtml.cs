using HealthAccord.Data;
using HealthAccord.Web.History;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Responses;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks;

/// <summary>
/// /respond/{token}: a funder answers an outbreak alert through the signed link it was sent, without an account. The
/// token is the whole authorization: a link that does not verify gets a 404 page, an expired one a 410 page telling how
/// to get a new one; neither changes anything.
/// </summary>
[NoOutputCache]
public sealed class RespondModel(HealthAccordDbContext db, ResponseLinks links) : PageModel
{
    public ResponseLinkState LinkState { get; private set; }

    public OutbreakDetail? Outbreak { get; private set; }

    public FunderResponseDto? Answer { get; private set; }

    public bool Saved { get; private set; }

    public ConflictNotice? Stale { get; private set; }

    public string? Refusal { get; private set; }

    [BindProperty]
    public AnswerForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string token, bool saved, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } refused) return refused;
        Form = AnswerForm.From(Answer!);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (await LoadAsync(token, ct) is { } refused) return refused;
        var input = Form.ToInput(ModelState, nameof(Form));
        if (!ModelState.IsValid) return Page();
        var response = (await ResponseAnswers.LoadAsync(db, Outbreak!.Id, Answer!.Id, ct))!;
        var label = $"{response.Organisation.Name}, through the link it was sent";
        var outcome = await AnswerPage.RecordAsync(this, db, response, input, new Answerer(HealthAccord.Data.Outbreaks.ResponseChannel.SignedLink, label),
            new ChangeAuthor($"link:response/{response.Id}", label), ct);
        if (outcome.Succeeded) return Redirect($"/respond/{Uri.EscapeDataString(token)}?saved=true");
        return await AnswerFailedAsync(outcome, token, ct);
    }

    private async Task<IActionResult> AnswerFailedAsync(WriteOutcome<HealthAccord.Data.Outbreaks.OutbreakResponse> outcome, string token, CancellationToken ct)
    {
        if (outcome.Invalid is { } invalid)
        {
            ModelState.AddErrors(nameof(Form), invalid);
            return Page();
        }
        await LoadAsync(token, ct);
        if (outcome.Stale)
        {
            Stale = new ConflictNotice(Form.Version, Answer!.Version);
            Form = AnswerForm.From(Answer);
            ModelState.Clear();
        }
        else Refusal = outcome.Refused!.ProblemDetails.Detail;
        Response.StatusCode = outcome.Refused!.StatusCode;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string token, CancellationToken ct)
    {
        var check = links.Check(token);
        LinkState = check.State;
        if (check.State == ResponseLinkState.Invalid) return NotFoundPage();
        var response = await db.OutbreakResponses.Where(r => r.Id == check.ResponseId).Select(r => new { r.OutbreakId }).SingleOrDefaultAsync(ct);
        if (response is null) return NotFoundPage();
        Outbreak = await AnswerPage.DetailAsync(this, db, response.OutbreakId, ct);
        Answer = Outbreak?.Responses.SingleOrDefault(r => r.Id == check.ResponseId);
        if (Outbreak is null || Answer is null) return NotFoundPage();
        if (check.State == ResponseLinkState.Expired)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        return null;
    }

    private PageResult NotFoundPage()
    {
        LinkState = ResponseLinkState.Invalid;
        Outbreak = null;
        Answer = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}

/// <summary>The answer changed after the form was opened (by another answer): the versions, for the message.</summary>
public sealed record ConflictNotice(int YourVersion, int StoredVersion);
