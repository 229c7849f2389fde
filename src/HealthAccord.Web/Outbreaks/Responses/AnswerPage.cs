using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.History;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Outbreaks.Responses;

/// <summary>What both answer pages do once they know whose response it is: show it, and record an answer as one change.</summary>
public static class AnswerPage
{
    /// <summary>
    /// Applies the form's answer as one recorded change. The author of the change is the account when someone is signed
    /// in, otherwise the funder the signed link was sent to (a link is not an account, so it is named, not identified).
    /// </summary>
    public static async Task<WriteOutcome<OutbreakResponse>> RecordAsync(PageModel page, HealthAccordDbContext db, OutbreakResponse response,
        AnswerInput input, Answerer answerer, ChangeAuthor author, CancellationToken ct)
    {
        var services = page.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        WriteOutcome<OutbreakResponse> outcome;
        await using (var recording = await services.GetRequiredService<ChangeRecorder>().BeginAsync(author, ChangeSource.Web, ct))
        {
            outcome = await ResponseAnswers.ApplyAsync(db, response, input, answerer, now, ct);
            if (outcome.Succeeded) await recording.CompleteAsync(ct);
        }
        if (outcome.Succeeded) BoardChanges.AfterCommit(page.HttpContext, response.OutbreakId);
        return outcome;
    }

    public static async Task<OutbreakDetail?> DetailAsync(PageModel page, HealthAccordDbContext db, int outbreakId, CancellationToken ct)
    {
        var services = page.HttpContext.RequestServices;
        return await OutbreakQueries.DetailAsync(db, outbreakId, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            services.GetRequiredService<ClockRules>(), ct);
    }
}
