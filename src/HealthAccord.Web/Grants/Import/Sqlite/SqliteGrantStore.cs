using System.Globalization;
using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Import.Sqlite;

/// <summary>
/// Writes an import into SQLite through statements compiled once (<see cref="SqliteGrantStatements"/>) on the
/// DbContext's own connection, in one <c>BEGIN IMMEDIATE</c> transaction: the write lock is held from the start, so
/// the ids read at the start stay free and nobody else's write can interleave. EF Core's change tracker, which this
/// replaces for SQLite, builds and tracks an entity per row and was the slowest part of the import before.
/// </summary>
/// <remarks>
/// Durability is untouched: the database stays in WAL mode with its synchronous setting and foreign keys enforced, so
/// a crash, kill or full disk before the commit leaves the file as it was. The one setting changed for the load is
/// the page cache, which keeps the indexes being filled in memory instead of re-reading them; it is put back
/// afterwards, because the connection returns to the pool.
/// </remarks>
internal sealed class SqliteGrantStore(HealthAccordDbContext db, TimeProvider clock) : IGrantStore
{
    /// <summary>
    /// Page cache for the load, in KiB (SQLite reads a negative cache_size as KiB). A first load sets the secondary
    /// indexes aside, so it mostly appends; 64 MB measured no faster than 16 at 100,000 grants, and 8 MB took no more
    /// CPU at a million, while every megabyte of it counts towards the import's peak memory (BENCHMARKS.md, "Grant
    /// import").
    /// </summary>
    public const int LoadCacheKib = 8 * 1024;

    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;
    private SqliteGrantStatements? _statements;
    private long _previousCacheSize;
    private bool _grantsExisted;
    private long _nextGrantId;
    private int _nextOrganisationId;
    private DateTime _now;
    private string? _sourcesDataset;
    private string? _sourcesJson;
    private bool _committed;
    private List<string> _indexesToRebuild = [];

    public async Task<(HashSet<string> Countries, OrganisationMatcher Matcher)> BeginAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _previousCacheSize = Convert.ToInt64(Scalar("PRAGMA cache_size"), CultureInfo.InvariantCulture);
        Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{LoadCacheKib}"));
        _transaction = _connection.BeginTransaction(deferred: false);
        await db.Database.UseTransactionAsync(_transaction, ct);

        var countries = await db.Countries.AsNoTracking().Select(c => c.Code).ToHashSetAsync(ct);
        var matcher = await OrganisationMatcher.LoadAsync(db, countries, ct);
        // Ids are handed out here rather than by SQLite, so no statement needs to read one back. AUTOINCREMENT
        // never reuses an id, so the next one is past both the highest row and the highest ever handed out.
        _nextGrantId = NextId("Grants");
        _nextOrganisationId = checked((int)NextId("Organisations"));
        _grantsExisted = Scalar("""SELECT EXISTS (SELECT 1 FROM "Grants")""") is 1L;
        if (!_grantsExisted) _indexesToRebuild = DropGrantIndexes();
        _now = clock.GetUtcNow().UtcDateTime;
        _statements = new SqliteGrantStatements(_connection, _transaction);
        return (countries, matcher);
    }

    public Task WriteAsync(IReadOnlyList<PreparedGrant> batch, CancellationToken ct)
    {
        var statements = _statements ?? throw new InvalidOperationException("BeginAsync first.");
        foreach (var grant in batch)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var participant in grant.Participants) EnsureInserted(participant.Organisation, grant.Record.DatasetName);
            foreach (var identifier in grant.NewIdentifiers)
            {
                EnsureInserted(identifier.Organisation, grant.Record.DatasetName);
                statements.InsertIdentifier.Set(0, identifier.Value).Set(1, identifier.Organisation.Id).Execute();
            }

            // A database that held no grants when the import began cannot hold this one: identifiers are unique
            // within a file, so the lookup is skipped for a first load.
            var stored = _grantsExisted ? statements.Find(grant.Record.Identifier) : null;
            if (stored is null)
            {
                grant.Id = _nextGrantId++;
                var next = SqliteGrantStatements.BindValues(statements.InsertGrant.Set(0, grant.Id).Set(1, grant.Record.Identifier), 2, grant);
                statements.InsertGrant.Set(next, _now).Set(next + 1, _now).Set(next + 2, 1).Execute();
                InsertLists(grant);
                foreach (var link in grant.Links) statements.InsertPartnership.Set(0, grant.Id).Set(1, link.PartnershipId).Execute();
                grant.Result = GrantWriteResult.Inserted;
                continue;
            }

            grant.Id = stored.Id;
            grant.LinksChanged = Relink(grant);
            if (stored.SameAs(grant))
            {
                grant.Result = GrantWriteResult.Unchanged;
                continue;
            }
            var last = SqliteGrantStatements.BindValues(statements.UpdateGrant.Set(0, stored.Id), 1, grant);
            statements.UpdateGrant.Set(last, _now).Execute();
            foreach (var delete in statements.DeleteLists) delete.Set(0, stored.Id).Execute();
            InsertLists(grant);
            grant.Result = GrantWriteResult.Updated;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes a stored grant's partnership links the ones the rules give it now, as <c>relink</c> does; says whether
    /// any changed. Links are derived data: they leave the grant's version and change time alone.
    /// </summary>
    private bool Relink(PreparedGrant grant)
    {
        var s = _statements!;
        var held = s.Partnerships(grant.Id);
        var wanted = grant.Links.Select(l => l.PartnershipId).ToHashSet();
        if (held.SetEquals(wanted)) return false;
        foreach (var gone in held.Except(wanted)) s.DeletePartnership.Set(0, grant.Id).Set(1, gone).Execute();
        foreach (var added in wanted.Except(held)) s.InsertPartnership.Set(0, grant.Id).Set(1, added).Execute();
        return true;
    }

    private void InsertLists(PreparedGrant grant)
    {
        var s = _statements!;
        for (var position = 0; position < grant.Participants.Count; position++)
        {
            var participant = grant.Participants[position];
            s.InsertParticipant.Set(0, grant.Id).Set(1, position).Set(2, participant.Organisation.Id)
                .Set(3, participant.Role.ToString()).Set(4, participant.Share).Execute();
        }
        foreach (var country in grant.Countries) s.InsertCountry.Set(0, grant.Id).Set(1, country).Execute();
        foreach (var (pathogen, rule) in grant.Pathogens) s.InsertPathogen.Set(0, grant.Id).Set(1, pathogen).Set(2, rule).Execute();
        foreach (var category in grant.Categories) s.InsertCategory.Set(0, grant.Id).Set(1, category).Execute();
    }

    /// <summary>Inserts a new organisation the first time a grant names it, flagged for review, with its dataset as source.</summary>
    private void EnsureInserted(OrganisationHandle organisation, string dataset)
    {
        if (organisation.ToCreate is not { } create) return;
        organisation.Id = _nextOrganisationId++;
        _statements!.InsertOrganisation
            .Set(0, organisation.Id).Set(1, create.Name).Set(2, create.Type.ToString()).Set(3, create.CountryCode).Set(4, create.RorId)
            .Set(5, true).Set(6, SourcesJson(dataset)).Set(7, _now).Set(8, _now).Set(9, 1)
            .Execute();
        organisation.ToCreate = null;
    }

    /// <summary>The organisation's Sources column, in the JSON shape EF Core maps <c>List&lt;SourceReference&gt;</c> to.</summary>
    private string SourcesJson(string dataset)
    {
        if (_sourcesDataset != dataset)
        {
            _sourcesDataset = dataset;
            _sourcesJson = JsonSerializer.Serialize(new[]
            {
                new { AsOf = (string?)null, Title = $"Named in {dataset}", Url = "urn:dataset:" + Uri.EscapeDataString(dataset) },
            });
        }
        return _sourcesJson!;
    }

    /// <summary>
    /// For a first load into empty grant tables: drops their secondary indexes (the unique one on identifiers too), to
    /// be built again from the loaded rows before the commit. Filling a B-tree in key order from a sort is much
    /// cheaper than a million inserts at random places in it, and the indexes are not needed meanwhile: lookups by
    /// identifier are skipped for a first load, and foreign keys are checked through primary keys. Inside the
    /// transaction, so readers keep their indexes and a failed import gets them back with the rollback. Rebuilding a
    /// unique index checks uniqueness again, so no duplicate can slip in.
    /// </summary>
    private List<string> DropGrantIndexes()
    {
        var definitions = new List<(string Name, string Sql)>();
        using (var command = _connection!.CreateCommand())
        {
            command.Transaction = _transaction;
            command.CommandText = """
                SELECT "name", "sql" FROM sqlite_master
                WHERE "type" = 'index' AND "sql" IS NOT NULL
                  AND "tbl_name" IN ('Grants', 'GrantParticipants', 'GrantCountries', 'GrantPathogens', 'GrantCategories')
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read()) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) Execute($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
        return [.. definitions.Select(d => d.Sql)];
    }

    public async Task CommitAsync(ImportRun run, ChangeSet change, CancellationToken ct)
    {
        foreach (var sql in _indexesToRebuild) Execute(sql);
        db.ImportRuns.Add(run);
        db.ChangeSets.Add(change);
        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
        _committed = true;
    }

    private long NextId(string table)
    {
        var sequence = Scalar($"""SELECT "seq" FROM sqlite_sequence WHERE "name" = '{table}'""");
        var highest = Scalar($"""SELECT max("Id") FROM "{table}" """);
        return Math.Max(sequence is long s ? s : 0, highest is long h ? h : 0) + 1;
    }

    private object? Scalar(string sql)
    {
        using var command = _connection!.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var command = _connection!.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _statements?.Dispose();
        if (_transaction is not null)
        {
            // Not committed: everything the import wrote goes; the file is as it was.
            if (!_committed) await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
            _transaction = null;
            await db.Database.UseTransactionAsync(null);
        }
        if (_connection is not null)
        {
            Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {_previousCacheSize}"));
            await db.Database.CloseConnectionAsync();
        }
        db.ChangeTracker.Clear();
    }
}
