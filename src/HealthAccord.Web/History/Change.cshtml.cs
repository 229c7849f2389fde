using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// /history/changes/{id}: one change set whole — who, when, from where, every record it changed with each field's
/// value before and after — and, for readers who may edit, the form that reverts it.
/// </summary>
public sealed class ChangeModel(HealthAccordDbContext db, IAuthorizationService authorization, ChangeRecorder recorder, ChangeReverter reverter,
    ChangeActor actor)
    : PageModel
{
    public ChangeSetDetail Change { get; private set; } = null!;

    /// <summary>Where each record's page is, when it still exists (memberships and goals are shown on their partnership's page).</summary>
    public IReadOnlyDictionary<RecordKey, string> RecordPages { get; private set; } = new Dictionary<RecordKey, string>();

    public bool CanRevert { get; private set; }

    /// <summary>
    /// For readers who may revert: why a change of this kind is never reverted from the history (a merge, an import, an
    /// outbreak's clock, a grant edit), shown where the form would be.
    /// </summary>
    public ProblemDetails? NotRevertable { get; private set; }

    /// <summary>Why the last revert attempt was refused, shown above the form.</summary>
    public ProblemDetails? RevertRefused { get; private set; }

    public string ApiUrl => $"/api/v1/history/changes/{Change.Id}";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevertAsync(long id, [FromServices] IOutputCacheStore cache, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, HistoryPolicies.RevertChanges)).Succeeded)
            return User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();

        ChangeSet? revert = null;
        await using (var recording = await recorder.BeginAsync(await actor.OfAsync(User, ct), ChangeSource.Revert, ct))
        {
            RevertRefused = await reverter.RevertAsync(id, User, recording, ct);
            if (RevertRefused is null)
            {
                revert = await recording.CompleteAsync(ct);
                if (revert is null) RevertRefused = ChangeReverter.NothingChanged(id);
            }
        }
        // The recording is over (rolled back when refused) before the page reads anything again.
        if (RevertRefused is not null || revert is null)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            Response.StatusCode = RevertRefused?.Status ?? StatusCodes.Status409Conflict;
            return Page();
        }
        await cache.EvictByTagAsync(RegistryCache.Tag, ct);
        // Post, redirect, get: the new change's page says what was put back, and a reload does not revert twice.
        return Redirect($"/history/changes/{revert.Id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var change = await HistoryQueries.DetailAsync(db, id, ct);
        if (change is null) return false;
        Change = change;
        if ((await authorization.AuthorizeAsync(User, HistoryPolicies.RevertChanges)).Succeeded)
        {
            NotRevertable = await ChangeReverter.RefusalForKindAsync(db, change.Source,
                [.. change.Records.Select(r => new ChangeReverter.RecordRef(r.RecordType, r.Kind, r.RecordId))], ct);
            CanRevert = NotRevertable is null;
        }
        RecordPages = await RecordPagesAsync(change.Records, ct);
        return true;
    }

    private async Task<Dictionary<RecordKey, string>> RecordPagesAsync(IReadOnlyList<RecordChangeDetail> records, CancellationToken ct)
    {
        int? PartnershipOf(RecordChangeDetail r) => r.RecordType switch
        {
            RecordType.Partnership => r.RecordId,
            RecordType.Membership or RecordType.Goal => (int?)(r.After ?? r.Before)?["partnershipId"],
            _ => null,
        };
        var partnershipIds = records.Select(PartnershipOf).OfType<int>().Distinct().ToList();
        var slugs = await db.Partnerships.AsNoTracking().Where(p => partnershipIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Slug, ct);
        var organisationIds = records.Where(r => r.RecordType == RecordType.Organisation).Select(r => r.RecordId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var agreementIds = records.Where(r => r.RecordType == RecordType.Agreement).Select(r => r.RecordId).ToList();
        var agreements = await db.Agreements.AsNoTracking().Where(a => agreementIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        var grantIds = records.Where(r => r.RecordType == RecordType.Grant).Select(r => (long)r.RecordId).ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => grantIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);

        var pages = new Dictionary<RecordKey, string>();
        foreach (var r in records)
        {
            var key = new RecordKey(r.RecordType, r.RecordId);
            string? page = r.RecordType switch
            {
                RecordType.Organisation when organisations.Contains(r.RecordId) => $"/organisations/{r.RecordId}",
                RecordType.Agreement when agreements.Contains(r.RecordId) => $"/agreements/{r.RecordId}",
                RecordType.Grant when grants.Contains(r.RecordId) => $"/grants/{r.RecordId}",
                RecordType.Outbreak => $"/outbreaks/{r.RecordId}",
                RecordType.OutbreakResponse when (r.After ?? r.Before)?["outbreakId"] is JsonValue outbreak => $"/outbreaks/{outbreak}",
                RecordType.Partnership or RecordType.Membership or RecordType.Goal when PartnershipOf(r) is { } p && slugs.TryGetValue(p, out var slug) =>
                    $"/partnerships/{slug}",
                _ => null,
            };
            if (page is not null) pages[key] = page;
        }
        return pages;
    }
}
