using HealthAccord.Data.History;
using HealthAccord.Web.Grants.Import;

namespace HealthAccord.Web.History;

/// <summary>
/// The history line of a grant import: one change set naming the file and what came of it, written in the import's
/// own transaction. Grants are not registry records, so there is no row per grant.
/// </summary>
public static class ImportChangeSets
{
    public static ChangeSet ForGrants(GrantImportOptions options, GrantImportOutcome outcome, DateTime at)
    {
        var author = options.Author ?? ChangeActor.CommandLine();
        var summary = FormattableString.Invariant(
            $"Imported grants from {options.FileName} ({options.Format}): {outcome.GrantsImported} new and {outcome.GrantsUpdated} updated from {outcome.RowsRead} row(s)");
        if (outcome.RowsInvalid > 0) summary += FormattableString.Invariant($", {outcome.RowsInvalid} invalid row(s) skipped");
        if (outcome.GrantsUnchanged > 0) summary += FormattableString.Invariant($", {outcome.GrantsUnchanged} already up to date");
        if (outcome.OrganisationsCreated > 0) summary += FormattableString.Invariant($"; {outcome.OrganisationsCreated} new organisation(s) to review");
        summary += ".";
        return new ChangeSet
        {
            At = at,
            ActorId = author.Id,
            ActorName = author.Name,
            Source = ChangeSource.Import,
            Summary = ChangeSummaries.Fit(summary),
        };
    }
}
