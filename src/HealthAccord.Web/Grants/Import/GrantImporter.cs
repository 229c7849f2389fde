using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Import;

public sealed record GrantImportOptions(string FileName, string Format, string Sha256, bool SkipInvalid)
{
    /// <summary>Who imports, for the history; the command line's user when not given.</summary>
    public History.ChangeAuthor? Author { get; init; }
}

public sealed record GrantImportOutcome(
    ImportStatus Status,
    int RowsRead,
    int GrantsImported,
    int GrantsUpdated,
    int RowsInvalid,
    int OrganisationsCreated,
    IReadOnlyList<RowError> Issues,
    int IssuesNotListed,
    IReadOnlyList<long> GrantIds)
{
    public bool Succeeded => Status == ImportStatus.Succeeded;
}

/// <summary>
/// Writes what a reader yields into the database as one transaction: either every valid grant of the file is stored
/// (inserted, or updated in place when its identifier is known — re-importing a file changes nothing), or, when the
/// file is refused, nothing is. A file is refused for any file-level error, and for any invalid row unless the
/// caller asked to skip invalid rows. A crash or kill mid-file leaves the transaction uncommitted, so the database is
/// as it was before the file. The outcome lists the problems (row, field, value, reason).
/// </summary>
public sealed class GrantImporter(HealthAccordDbContext db, ExchangeRates rates, PathogenTagger tagger, HrcsCategories hrcs, TimeProvider clock)
{
    private const int BatchSize = 1000;
    private const int MaxIssuesListed = 10_000;

    public async Task<GrantImportOutcome> ImportAsync(IAsyncEnumerable<ReadResult> rows, GrantImportOptions options,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var countries = await db.Countries.AsNoTracking().Select(c => c.Code).ToHashSetAsync(ct);
        var matcher = await OrganisationMatcher.LoadAsync(db, countries, ct);
        var issues = new List<RowError>();
        var issuesNotListed = 0;
        var read = 0;
        var invalid = 0;
        var refused = false;
        var written = new WriteCounts();
        var batch = new List<GrantRecord>(BatchSize);

        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await foreach (var result in rows.WithCancellation(ct))
            {
                foreach (var issue in result.Issues)
                {
                    if (issues.Count < MaxIssuesListed) issues.Add(issue);
                    else issuesNotListed++;
                }
                if (result.IsFileError)
                {
                    refused = true;
                    continue;
                }
                read++;
                if (read % 1000 == 0) progress?.Report(read);
                if (!result.IsValid)
                {
                    invalid++;
                    refused |= !options.SkipInvalid;
                    continue;
                }
                if (refused) continue; // keep reading so the report covers the whole file, but write nothing more
                batch.Add(result.Record!);
                if (batch.Count == BatchSize) await WriteBatchAsync(batch, matcher, countries, written, ct);
            }
            progress?.Report(read);
            if (!refused && batch.Count > 0) await WriteBatchAsync(batch, matcher, countries, written, ct);

            if (refused)
            {
                // A refused file leaves no trace in the database, not even a log row: the report goes to the caller.
                await transaction.RollbackAsync(ct);
                return new GrantImportOutcome(ImportStatus.Rejected, read, 0, 0, invalid, 0, issues, issuesNotListed, []);
            }

            db.ImportRuns.Add(Run(options, started, read, written.Inserted + written.Updated, invalid,
                invalid > 0 ? $"{invalid} invalid row(s) skipped." : null));
            var outcome = new GrantImportOutcome(ImportStatus.Succeeded, read, written.Inserted, written.Updated, invalid, matcher.Created,
                issues, issuesNotListed, written.Ids);
            db.ChangeSets.Add(History.ImportChangeSets.ForGrants(options, outcome, clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outcome;
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }

    private sealed class WriteCounts
    {
        public int Inserted { get; set; }
        public int Updated { get; set; }
        public List<long> Ids { get; } = [];
    }

    private async Task WriteBatchAsync(List<GrantRecord> batch, OrganisationMatcher matcher, HashSet<string> countries,
        WriteCounts counts, CancellationToken ct)
    {
        var identifiers = batch.Select(r => r.Identifier).ToList();
        var existing = await db.Grants.Where(g => identifiers.Contains(g.Identifier)).ToDictionaryAsync(g => g.Identifier, ct);
        if (existing.Count > 0)
        {
            // A re-imported grant keeps its id (its URL) and takes the file's values; its lists are rebuilt.
            var ids = existing.Values.Select(g => g.Id).ToList();
            await db.GrantParticipants.Where(p => ids.Contains(p.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantCountry>().Where(c => ids.Contains(c.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantPathogen>().Where(p => ids.Contains(p.GrantId)).ExecuteDeleteAsync(ct);
            await db.Set<GrantCategory>().Where(c => ids.Contains(c.GrantId)).ExecuteDeleteAsync(ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grants = new List<Grant>(batch.Count);
        foreach (var record in batch)
        {
            var grant = existing.GetValueOrDefault(record.Identifier);
            if (grant is null)
            {
                grant = new Grant { Identifier = record.Identifier, Title = "", Currency = "", SourceDataset = "", ImportedAt = now, Version = 1 };
                db.Grants.Add(grant);
                counts.Inserted++;
            }
            else
            {
                grant.Version++;
                counts.Updated++;
            }
            Fill(grant, record, now);
            AddLists(grant, record, matcher, countries);
            grants.Add(grant);
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        matcher.Saved();
        counts.Ids.AddRange(grants.Select(g => g.Id));
        db.ChangeTracker.Clear();
        batch.Clear();
    }

    private void Fill(Grant grant, GrantRecord record, DateTime now)
    {
        grant.Title = record.Title;
        grant.Description = record.Description;
        grant.Currency = record.Currency;
        grant.AmountAwarded = record.AmountAwarded;
        grant.AwardDate = record.AwardDate;
        grant.PlannedStart = record.PlannedStart;
        grant.PlannedEnd = record.PlannedEnd;
        grant.Programme = record.Programme;
        grant.Call = record.Call;
        grant.Topic = record.Topic;
        grant.SourceDataset = record.DatasetName;
        grant.SourceRow = record.SourceRow;
        grant.UpdatedAt = now;
        if (rates.TryConvertToEur(record.AmountAwarded, record.Currency, record.AwardDate, out var conversion))
        {
            grant.AmountEur = conversion.AmountEur;
            grant.EurRate = conversion.Rate;
            grant.EurRateDate = conversion.RateDate;
        }
        else
        {
            grant.AmountEur = null;
            grant.EurRate = null;
            grant.EurRateDate = null;
        }
    }

    private void AddLists(Grant grant, GrantRecord record, OrganisationMatcher matcher, HashSet<string> countries)
    {
        var position = 0;
        foreach (var reference in record.Funders.Concat(record.Recipients))
        {
            var participant = new GrantParticipant
            {
                Role = reference.Role switch
                {
                    OrganisationRole.Funder => ParticipantRole.Funder,
                    OrganisationRole.Lead => ParticipantRole.Lead,
                    _ => ParticipantRole.Participant,
                },
                Share = reference.Share,
                Position = position++,
            };
            matcher.Link(db, participant, reference, record.DatasetName);
            grant.Participants.Add(participant);
            if (grant.Id != 0)
            {
                participant.GrantId = grant.Id;
                db.GrantParticipants.Add(participant);
            }
        }

        foreach (var code in record.Countries.Select(c => c.ToUpperInvariant()).Where(countries.Contains).Distinct())
            AddChild(grant, grant.Countries, new GrantCountry { CountryCode = code });

        var text = new GrantText(record.Title, record.Description,
            record.Classifications.Select(c => c.Title).OfType<string>().ToList(),
            record.Programme is null ? null : [record.Programme], record.AwardDate);
        foreach (var match in tagger.Tag(text).DistinctBy(m => m.PathogenCode))
            AddChild(grant, grant.Pathogens, new GrantPathogen { Pathogen = match.PathogenCode, Rule = match.RuleId });

        var categories = record.Classifications
            .Where(c => c.Vocabulary is null || c.Vocabulary.Contains("HRCS", StringComparison.OrdinalIgnoreCase))
            .Select(c => hrcs.TryMatch(c.Code, out var byCode) ? byCode : hrcs.TryMatch(c.Title, out var byTitle) ? byTitle : null)
            .OfType<HrcsCategory>()
            .DistinctBy(c => c.Code);
        foreach (var category in categories)
            AddChild(grant, grant.Categories, new GrantCategory { HrcsCode = category.Code });
    }

    /// <summary>Children of a new grant ride on its navigation; those of an updated grant are added with its id.</summary>
    private void AddChild<T>(Grant grant, List<T> list, T child) where T : class
    {
        list.Add(child);
        if (grant.Id == 0) return;
        db.Entry(child).Property("GrantId").CurrentValue = grant.Id;
        db.Add(child);
    }

    private ImportRun Run(GrantImportOptions options, DateTime started, int read, int imported, int invalid, string? message) =>
        new()
        {
            FileName = options.FileName,
            Format = options.Format,
            Sha256 = options.Sha256,
            StartedAt = started,
            FinishedAt = clock.GetUtcNow().UtcDateTime,
            Status = ImportStatus.Succeeded,
            RowsRead = read,
            GrantsImported = imported,
            RowsInvalid = invalid,
            Message = message,
        };
}
