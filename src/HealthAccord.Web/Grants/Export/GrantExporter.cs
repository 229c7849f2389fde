using HealthAccord.Data;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// Writes every grant a search matches to a stream, in the search's order, without holding the result: the index
/// hands out ids a chunk at a time (<see cref="GrantMatchCursor"/>), each chunk is read from the database in
/// smaller batches, written, and sent before the next is read. The database is the record: a hit whose grant it no
/// longer holds is left out (and dropped from the index), as in the search.
/// </summary>
public sealed class GrantExporter(GrantIndex index, HealthAccordDbContext db, GrantLabels labels, TimeProvider clock, IOptions<JsonOptions> json)
{
    /// <summary>Ids per pass over the index. Each pass visits every match, so fewer, larger chunks are faster; 10,000 ids are about 1 MB.</summary>
    public const int IndexChunkSize = 10_000;

    /// <summary>Grants per database read, and so per write to the client.</summary>
    public const int DatabaseChunkSize = 1_000;

    public async Task<int> ExportAsync(GrantSearchQuery query, GrantExportFormat format, Stream target, string siteRoot, CancellationToken ct)
    {
        var context = new GrantExportContext(query, await labels.ReferenceNamesAsync(db, ct), clock.Today(),
            clock.GetUtcNow().UtcDateTime, siteRoot, json.Value.SerializerOptions, await Links.PartnershipLinker.LoadAsync(db, ct));
        using var buffer = new ExportBuffer();
        var writer = GrantExportWriters.Create(format, buffer, context);
        var exported = 0;
        try
        {
            // One searcher for the whole export: grants indexed meanwhile neither appear half-way nor shift the chunks.
            using var lease = index.AcquireSearcher();
            var cursor = GrantMatchCursor.For(lease.Searcher, query, context.Today, index.Analyzer, IndexChunkSize);
            await writer.StartAsync(ct);
            for (var ids = cursor.Next(); ids.Count > 0; ids = cursor.Next())
            {
                foreach (var batch in ids.Chunk(DatabaseChunkSize))
                {
                    var grants = await InSearchOrderAsync(batch, ct);
                    var identifiers = writer.UsesOrganisationIdentifiers
                        ? await OrganisationIdentifiersAsync(grants, ct)
                        : new Dictionary<int, string>();
                    await writer.WriteAsync(new GrantExportChunk(grants, identifiers), ct);
                    await buffer.DrainToAsync(target, ct);
                    exported += grants.Count;
                }
            }
            await writer.FinishAsync(ct);
        }
        finally
        {
            // Disposing closes what the formats close last (the workbook's zip directory), so it comes before the last drain.
            await writer.DisposeAsync();
        }
        await buffer.DrainToAsync(target, ct);
        return exported;
    }

    private async Task<List<FullGrantRow>> InSearchOrderAsync(long[] ids, CancellationToken ct)
    {
        var rows = (await FullGrantRows.LoadAsync(db, ids, ct)).ToDictionary(r => r.Id);
        var stale = ids.Where(id => !rows.ContainsKey(id)).ToList();
        index.DropStaleHits(stale);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>
    /// One org-id identifier per organisation the grants name. An organisation known under several (it was matched
    /// by name across datasets) gets the first in ordinal order, so the same export always names it the same way.
    /// </summary>
    private async Task<Dictionary<int, string>> OrganisationIdentifiersAsync(List<FullGrantRow> grants, CancellationToken ct)
    {
        var organisations = grants.SelectMany(g => g.Participants).Select(p => p.OrganisationId).Distinct().ToList();
        var all = await db.OrganisationIdentifiers.AsNoTracking().Where(i => EF.Parameter(organisations).Contains(i.OrganisationId))
            .Select(i => new { i.OrganisationId, i.Value }).ToListAsync(ct);
        return all.GroupBy(i => i.OrganisationId)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Value).Order(StringComparer.Ordinal).First());
    }
}
