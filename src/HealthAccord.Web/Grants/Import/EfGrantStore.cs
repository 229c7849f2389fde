using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Writes an import through EF Core, one SaveChanges per batch inside one transaction: the path for PostgreSQL
/// (SQLite takes <see cref="Sqlite.SqliteGrantStore"/>). Npgsql batches the statements of a SaveChanges into few
/// round trips, which makes this path fast enough for the sizes PostgreSQL deployments import; see the README.
/// </summary>
internal sealed class EfGrantStore(HealthAccordDbContext db, TimeProvider clock) : IGrantStore
{
    private const string GrantPartnershipJoin = "GrantPartnerships";

    private IDbContextTransaction? _transaction;
    private bool _tracking;

    public async Task<(HashSet<string> Countries, OrganisationMatcher Matcher)> BeginAsync(CancellationToken ct)
    {
        _tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        _transaction = await db.Database.BeginTransactionAsync(ct);
        var countries = await db.Countries.AsNoTracking().Select(c => c.Code).ToHashSetAsync(ct);
        return (countries, await OrganisationMatcher.LoadAsync(db, countries, ct));
    }

    public async Task WriteAsync(IReadOnlyList<PreparedGrant> batch, CancellationToken ct)
    {
        var identifiers = batch.Select(g => g.Record.Identifier).ToList();
        var existing = await db.Grants.AsNoTracking().AsSplitQuery()
            .Include(g => g.Participants).Include(g => g.Countries).Include(g => g.Pathogens).Include(g => g.Categories)
            .Include(g => g.Partnerships)
            .Where(g => EF.Parameter(identifiers).Contains(g.Identifier))
            .ToDictionaryAsync(g => g.Identifier, ct);
        // Read before the grants are attached with empty lists below.
        var linked = existing.Values.ToDictionary(g => g.Id, g => g.Partnerships.Select(p => p.Id).ToHashSet());
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<OrganisationHandle>();
        var written = new List<(PreparedGrant Prepared, Grant Entity)>();
        var changed = new List<long>();

        foreach (var prepared in batch)
        {
            foreach (var identifier in prepared.NewIdentifiers)
            {
                var entry = new OrganisationIdentifier { Value = identifier.Value };
                if (Pending(identifier.Organisation, prepared.Record.DatasetName, created) is { } pending) pending.Identifiers.Add(entry);
                else
                {
                    entry.OrganisationId = identifier.Organisation.Id;
                    db.OrganisationIdentifiers.Add(entry);
                }
            }

            var grant = existing.GetValueOrDefault(prepared.Record.Identifier);
            if (grant is not null && Stored(grant).SameAs(prepared))
            {
                prepared.Id = grant.Id;
                prepared.Result = GrantWriteResult.Unchanged;
                continue;
            }
            if (grant is null)
            {
                grant = new Grant { Identifier = prepared.Record.Identifier, Title = "", Currency = "", SourceDataset = "", ImportedAt = now, Version = 1 };
                db.Grants.Add(grant);
                prepared.Result = GrantWriteResult.Inserted;
            }
            else
            {
                // A changed grant keeps its id (its URL) and takes the file's values; its lists are rebuilt. It was read
                // without tracking, so it is attached with empty lists: the old rows go by one delete per list below.
                grant.Participants = [];
                grant.Countries = [];
                grant.Pathogens = [];
                grant.Categories = [];
                grant.Partnerships = [];
                db.Grants.Attach(grant);
                grant.Version++;
                changed.Add(grant.Id);
                prepared.Result = GrantWriteResult.Updated;
            }
            Fill(grant, prepared, now, created);
            written.Add((prepared, grant));
        }

        if (changed.Count > 0)
        {
            await db.GrantParticipants.Where(p => EF.Parameter(changed).Contains(p.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantCountry>().Where(c => EF.Parameter(changed).Contains(c.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantPathogen>().Where(p => EF.Parameter(changed).Contains(p.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantCategory>().Where(c => EF.Parameter(changed).Contains(c.GrantId)).ExecuteDeleteAsync(ct);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        foreach (var handle in created)
        {
            handle.Id = handle.PendingEntity!.Id;
            handle.PendingEntity = null;
        }
        foreach (var (prepared, entity) in written) prepared.Id = entity.Id;
        db.ChangeTracker.Clear();
        await RelinkAsync(batch, linked, ct);
    }

    /// <summary>
    /// Gives each grant of the batch the partnership links the rules give it now, as <c>relink</c> does, once every
    /// grant has its id. Links are derived data: they leave the grant's version and change time alone.
    /// </summary>
    private async Task RelinkAsync(IReadOnlyList<PreparedGrant> batch, Dictionary<long, HashSet<int>> linked, CancellationToken ct)
    {
        var joins = db.Set<Dictionary<string, object>>(GrantPartnershipJoin);
        var any = false;
        foreach (var prepared in batch)
        {
            var held = linked.GetValueOrDefault(prepared.Id) ?? [];
            var wanted = prepared.Links.Select(l => l.PartnershipId).ToHashSet();
            if (held.SetEquals(wanted)) continue;
            foreach (var gone in held.Except(wanted)) joins.Remove(Join(prepared.Id, gone));
            foreach (var added in wanted.Except(held)) joins.Add(Join(prepared.Id, added));
            prepared.LinksChanged = prepared.Result != GrantWriteResult.Inserted;
            any = true;
        }
        if (!any) return;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static Dictionary<string, object> Join(long grantId, int partnershipId) =>
        new() { ["GrantId"] = grantId, ["PartnershipsId"] = partnershipId };

    private void Fill(Grant grant, PreparedGrant prepared, DateTime now, List<OrganisationHandle> created)
    {
        var r = prepared.Record;
        grant.Title = r.Title;
        grant.Description = r.Description;
        grant.Currency = r.Currency;
        grant.AmountAwarded = r.AmountAwarded;
        grant.AmountEur = prepared.AmountEur;
        grant.EurRate = prepared.EurRate;
        grant.EurRateDate = prepared.EurRateDate;
        grant.AwardDate = r.AwardDate;
        grant.PlannedStart = r.PlannedStart;
        grant.PlannedEnd = r.PlannedEnd;
        grant.Programme = r.Programme;
        grant.Call = r.Call;
        grant.Topic = r.Topic;
        grant.SourceDataset = r.DatasetName;
        grant.SourceRow = r.SourceRow;
        grant.UpdatedAt = now;

        // Children of a new grant ride on its navigation; those of a kept grant are added with its id.
        var isNew = grant.Id == 0;
        for (var position = 0; position < prepared.Participants.Count; position++)
        {
            var p = prepared.Participants[position];
            var participant = new GrantParticipant { Role = p.Role, Share = p.Share, Position = position };
            if (Pending(p.Organisation, r.DatasetName, created) is { } pending) participant.Organisation = pending;
            else participant.OrganisationId = p.Organisation.Id;
            AddChild(grant, grant.Participants, participant, isNew);
        }
        foreach (var code in prepared.Countries) AddChild(grant, grant.Countries, new GrantCountry { CountryCode = code }, isNew);
        foreach (var (pathogen, rule) in prepared.Pathogens) AddChild(grant, grant.Pathogens, new GrantPathogen { Pathogen = pathogen, Rule = rule }, isNew);
        foreach (var code in prepared.Categories) AddChild(grant, grant.Categories, new GrantCategory { HrcsCode = code }, isNew);
    }

    private void AddChild<T>(Grant grant, List<T> list, T child, bool isNew) where T : class
    {
        list.Add(child);
        if (isNew) return;
        db.Entry(child).Property("GrantId").CurrentValue = grant.Id;
        db.Add(child);
    }

    /// <summary>The entity of a new organisation waiting for this batch's save, created on first sight; null once it has an id.</summary>
    private Organisation? Pending(OrganisationHandle handle, string dataset, List<OrganisationHandle> created)
    {
        if (handle.PendingEntity is { } pending) return pending;
        if (handle.ToCreate is not { } create) return null;
        var organisation = new Organisation
        {
            Name = create.Name,
            Type = create.Type,
            CountryCode = create.CountryCode,
            RorId = create.RorId,
            NeedsReview = true,
            Sources = [new SourceReference { Url = "urn:dataset:" + Uri.EscapeDataString(dataset), Title = $"Named in {dataset}" }],
        };
        db.Organisations.Add(organisation);
        handle.PendingEntity = organisation;
        handle.ToCreate = null;
        created.Add(handle);
        return organisation;
    }

    private static StoredGrant Stored(Grant grant)
    {
        var stored = new StoredGrant
        {
            Id = grant.Id,
            Title = grant.Title,
            Description = grant.Description,
            Currency = grant.Currency,
            AmountAwarded = grant.AmountAwarded,
            AmountEur = grant.AmountEur,
            EurRate = grant.EurRate,
            EurRateDate = grant.EurRateDate,
            AwardDate = grant.AwardDate,
            PlannedStart = grant.PlannedStart,
            PlannedEnd = grant.PlannedEnd,
            Programme = grant.Programme,
            Call = grant.Call,
            Topic = grant.Topic,
            SourceDataset = grant.SourceDataset,
            SourceRow = grant.SourceRow,
        };
        stored.Participants.AddRange(grant.Participants.OrderBy(p => p.Position).Select(p => (p.OrganisationId, p.Role, p.Share)));
        stored.Countries.AddRange(grant.Countries.Select(c => c.CountryCode));
        stored.Pathogens.AddRange(grant.Pathogens.Select(p => (p.Pathogen, p.Rule)));
        stored.Categories.AddRange(grant.Categories.Select(c => c.HrcsCode));
        return stored;
    }

    public async Task CommitAsync(ImportRun run, ChangeSet change, CancellationToken ct)
    {
        db.ImportRuns.Add(run);
        db.ChangeSets.Add(change);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing a transaction that was not committed rolls it back.
        if (_transaction is not null) await _transaction.DisposeAsync();
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = _tracking;
    }
}
