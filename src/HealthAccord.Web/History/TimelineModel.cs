using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using HealthAccord.Data;
using HealthAccord.Data.History;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// A record page's history section: the newest changes to the record (and what belongs to it), who made them, when,
/// and each field's old and new value, with a revert button for readers who may edit.
/// </summary>
public sealed record TimelineModel(IReadOnlyList<ChangeSetDto> Changes, int Total, IReadOnlySet<long> Revertable, bool CanSeeAuditLog, string ApiUrl)
{
    /// <summary>How many changes a record page lists; the API pages through the rest.</summary>
    public const int Shown = 20;

    /// <summary>Long texts (a summary, a mission) are cut in the timeline; the change's own page shows them whole.</summary>
    public const int ValueLength = 300;

    public static async Task<TimelineModel> LoadAsync(HealthAccordDbContext db, IAuthorizationService authorization, ClaimsPrincipal user,
        Expression<Func<RecordChange, bool>> records, string apiUrl, CancellationToken ct)
    {
        var (changes, total) = await HistoryQueries.TimelineAsync(db, records, Shown, ct);
        var canRevert = (await authorization.AuthorizeAsync(user, HistoryPolicies.RevertChanges)).Succeeded;
        var canSeeAuditLog = (await authorization.AuthorizeAsync(user, HistoryPolicies.AuditLog)).Succeeded;
        return new TimelineModel(changes, total, canRevert ? await RevertableAsync(db, changes, ct) : new HashSet<long>(), canSeeAuditLog, apiUrl);
    }

    /// <summary>
    /// The listed changes of a kind the history can revert (<see cref="ChangeReverter.RefusalForKindAsync"/>), judged on all
    /// of each change's records: a record page lists only the records that belong to it.
    /// </summary>
    private static async Task<IReadOnlySet<long>> RevertableAsync(HealthAccordDbContext db, IReadOnlyList<ChangeSetDto> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.Id).ToList();
        var records = (await db.RecordChanges.AsNoTracking().Where(r => ids.Contains(r.ChangeSetId))
                .Select(r => new { r.ChangeSetId, r.RecordType, r.Kind, r.RecordId }).ToListAsync(ct))
            .ToLookup(r => r.ChangeSetId, r => new ChangeReverter.RecordRef(r.RecordType, r.Kind, r.RecordId));
        var revertable = new HashSet<long>();
        foreach (var change in changes)
        {
            if (await ChangeReverter.RefusalForKindAsync(db, change.Source, [.. records[change.Id]], ct) is null) revertable.Add(change.Id);
        }
        return revertable;
    }

    /// <summary>"28 November 2026, 14:05 UTC".</summary>
    public static string When(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string SourceLabel(ChangeSource source) => source switch
    {
        ChangeSource.Api => "API",
        ChangeSource.Web => "Website",
        ChangeSource.Import => "Import",
        ChangeSource.Cli => "Command line",
        ChangeSource.Revert => "Revert",
        _ => source.ToString(),
    };

    /// <summary>Only readers who may revert see the button, and only on changes of a kind the history reverts.</summary>
    public bool OffersRevert(ChangeSetDto change) => Revertable.Contains(change.Id);
}
