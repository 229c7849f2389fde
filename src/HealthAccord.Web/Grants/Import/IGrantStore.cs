using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Where an import writes: one transaction from <see cref="BeginAsync"/> until <see cref="CommitAsync"/>; disposing
/// a store that was not committed rolls everything back. Batches come in file order from one thread at a time.
/// </summary>
internal interface IGrantStore : IAsyncDisposable
{
    /// <summary>Starts the transaction and reads what matching needs (countries, organisations) inside it.</summary>
    Task<(HashSet<string> Countries, OrganisationMatcher Matcher)> BeginAsync(CancellationToken ct);

    /// <summary>
    /// Inserts new grants, updates changed ones in place (keeping their ids) and leaves unchanged ones alone; sets
    /// <see cref="PreparedGrant.Id"/>, <see cref="PreparedGrant.Result"/> and, for grants it held,
    /// <see cref="PreparedGrant.LinksChanged"/>; makes each grant's partnership links those of
    /// <see cref="PreparedGrant.Links"/>. New organisations and identifiers the grants carry are inserted first.
    /// </summary>
    Task WriteAsync(IReadOnlyList<PreparedGrant> batch, CancellationToken ct);

    /// <summary>Adds the import's log row and its line in the history, and commits.</summary>
    Task CommitAsync(ImportRun run, ChangeSet change, CancellationToken ct);
}
