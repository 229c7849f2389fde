using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using HealthAccord.Data;
using HealthAccord.Data.History;
using Microsoft.AspNetCore.Authorization;

namespace HealthAccord.Web.History;

/// <summary>
/// A record page's history section: the newest changes to the record (and what belongs to it), who made them, when,
/// and each field's old and new value, with a revert button for readers who may edit.
/// </summary>
public sealed record TimelineModel(IReadOnlyList<ChangeSetDto> Changes, int Total, bool CanRevert, bool CanSeeAuditLog, string ApiUrl)
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
        return new TimelineModel(changes, total, canRevert, canSeeAuditLog, apiUrl);
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

    /// <summary>Imports and grant edits are not reverted from the history (see <see cref="ChangeReverter"/>), so they get no button.</summary>
    public bool OffersRevert(ChangeSetDto change) => CanRevert && change.Source != ChangeSource.Import && change.RecordCount > 0
        && change.Records.All(r => r.RecordType != RecordType.Grant);
}
