using System.Security.Claims;
using HealthAccord.Data;
using HealthAccord.Data.History;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// Undoes a change set inside the caller's recording (so the revert is itself a change set pointing at the one it
/// undid). Each record is brought back to its "before" state through the checks of a normal edit: an update gets its
/// earlier values back, a creation is deleted, a deletion is recreated under its old id. It refuses, and changes
/// nothing, when any of the records has changed since: undoing would silently overwrite someone's later work.
/// </summary>
public sealed class ChangeReverter(HealthAccordDbContext db, TimeProvider clock, RevertRights rights)
{
    /// <summary>The answer when a revert went through every check but left every record as it was.</summary>
    public static ProblemDetails NothingChanged(long changeSetId) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "Nothing to put back",
        Detail = $"The records of change {changeSetId} already read as they did before it, so reverting it changed nothing.",
    };

    /// <summary>A record a change set touched, as far as deciding whether its kind of change can be reverted needs.</summary>
    public readonly record struct RecordRef(RecordType Type, ChangeKind Kind, int Id);

    /// <summary>
    /// Why a change of this kind is never reverted from the history (an import, a merge, an outbreak's clock, a grant
    /// edit), or null when it is of a kind that can be. The page asks before offering the revert form; <see
    /// cref="RevertAsync"/> asks again, and then also checks that the records have not changed since.
    /// </summary>
    public static async Task<ProblemDetails?> RefusalForKindAsync(HealthAccordDbContext db, ChangeSource source, IReadOnlyCollection<RecordRef> records,
        CancellationToken ct)
    {
        if (source == ChangeSource.Import || records.Count == 0)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This change cannot be reverted",
                Detail = source == ChangeSource.Import
                    ? "Imports are not undone from the history: a registry import fills an empty registry, and a grant file is corrected by importing it again."
                    : "This change set changed no registry record, so there is nothing to put back.",
            };
        }

        var merged = records.Where(r => r.Type == RecordType.Organisation && r.Kind == ChangeKind.Deleted)
            .Select(r => Organisations.Review.MergeAliases.Of(r.Id)).ToList();
        if (merged.Count > 0 && await db.OrganisationIdentifiers.AnyAsync(i => merged.Contains(i.Value), ct))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This change cannot be reverted",
                Detail = "A merge of organisations is not undone from the history: the grants it moved are not part of the history. " +
                    "Create the organisation again and move what belongs to it by hand.",
            };
        }
        if (records.Any(r => r.Type is RecordType.Outbreak or RecordType.OutbreakResponse))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This change cannot be reverted",
                Detail = "An outbreak's clock is a record of what happened when: a funder's answer is changed by answering again, and a " +
                    "convening by recording its corrected time, or clearing it, on the outbreak's page, which also corrects GloPID-R's measured response time.",
            };
        }
        if (records.Any(r => r.Type == RecordType.Grant))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "This change cannot be reverted",
                Detail = "A grant edit is undone by editing the grant again: the euro amount, pathogen tags and partnership links are worked out " +
                    "anew from the values entered, and the grant's history shows what they were.",
            };
        }
        return null;
    }

    /// <summary>Records are recreated in this order (a membership needs its partnership and organisation) and deleted in the reverse.</summary>
    private static readonly RecordType[] DependencyOrder =
        [RecordType.Organisation, RecordType.Partnership, RecordType.Agreement, RecordType.Membership, RecordType.Goal];

    /// <summary>
    /// Null when reverted (the caller completes the recording); otherwise the problem to answer with. <paramref name="author"/>
    /// must be allowed to make every one of the changes, as if editing the records by hand.
    /// </summary>
    public async Task<ProblemDetails?> RevertAsync(long changeSetId, ClaimsPrincipal author, ChangeRecording recording, CancellationToken ct)
    {
        var set = await db.ChangeSets.AsNoTracking().Include(s => s.Records).SingleOrDefaultAsync(s => s.Id == changeSetId, ct);
        if (set is null)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Change not found",
                Detail = $"There is no change {changeSetId} in the history.",
            };
        }
        if (await RefusalForKindAsync(db, set.Source, [.. set.Records.Select(r => new RecordRef(r.RecordType, r.Kind, r.RecordId))], ct) is { } refused)
            return refused;

        var changedSince = await ChangedSinceAsync(set.Records, ct);
        if (changedSince.Count > 0)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The records have changed since",
                Detail = $"Reverting change {changeSetId} would overwrite later changes, so nothing was changed: {string.Join("; ", changedSince)}. " +
                    "Revert the later changes first, or edit the record directly.",
                Extensions = { ["changedSince"] = changedSince },
            };
        }

        // Every record is checked before any is touched, so a refusal changes nothing. The records stand as the change
        // left them (checked above), so its "after" is their current state.
        foreach (var change in set.Records)
        {
            if (await rights.CheckAsync(author, change, RecordSnapshots.Parse(change.After), RecordSnapshots.Parse(change.Before)) is { } denied)
                return denied;
        }

        recording.Source = ChangeSource.Revert;
        recording.RevertOfId = changeSetId;
        recording.Summary = $"Reverted change {changeSetId}: {set.Summary}";
        foreach (var change in InRevertOrder(set.Records))
        {
            var problem = await RestorerFor(change.RecordType).RestoreAsync(change.RecordId, change.Before, change.Label, ct);
            if (problem is not null) return problem;
        }
        return null;
    }

    /// <summary>Deleted records come back first (parents before children), then updates, then created records go (children first).</summary>
    private static IEnumerable<RecordChange> InRevertOrder(IEnumerable<RecordChange> records)
    {
        int Rank(RecordType type) => Array.IndexOf(DependencyOrder, type);
        var list = records.ToList();
        return list.Where(r => r.Kind == ChangeKind.Deleted).OrderBy(r => Rank(r.RecordType))
            .Concat(list.Where(r => r.Kind == ChangeKind.Updated).OrderBy(r => Rank(r.RecordType)))
            .Concat(list.Where(r => r.Kind == ChangeKind.Created).OrderByDescending(r => Rank(r.RecordType)));
    }

    /// <summary>Each record whose current state is not what the change left, in words.</summary>
    private async Task<List<string>> ChangedSinceAsync(IReadOnlyCollection<RecordChange> records, CancellationToken ct)
    {
        var reasons = new List<string>();
        foreach (var group in records.GroupBy(r => r.RecordType))
        {
            var current = await RecordSnapshots.LoadAsync(db, group.Key, group.Select(r => r.RecordId).ToList(), ct);
            foreach (var change in group)
            {
                var now = current.GetValueOrDefault(change.RecordId);
                var left = RecordSnapshots.Parse(change.After);
                var what = $"{ChangeSummaries.Word(change.RecordType)} {change.Label}";
                if (left is null && now is not null) reasons.Add($"{what} exists again");
                else if (left is not null && now is null) reasons.Add($"{what} has been deleted");
                else if (left is not null && now is not null
                    && FieldDiff.Compare(change.RecordType, left, now, RecordLabels.None) is { Count: > 0 } fields)
                    reasons.Add($"{what}: {string.Join(", ", fields.Select(f => FieldText.NameInSentence(f.Field)))} changed");
            }
        }
        return reasons;
    }

    private RecordRestorer RestorerFor(RecordType type) => type switch
    {
        RecordType.Partnership => new PartnershipRestorer(db, clock),
        RecordType.Organisation => new OrganisationRestorer(db, clock),
        RecordType.Membership => new MembershipRestorer(db, clock),
        RecordType.Agreement => new AgreementRestorer(db, clock),
        RecordType.Goal => new GoalRestorer(db, clock),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
