using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Transfer;

public static class RegistryExport
{
    internal static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        WebRegistration.ConfigureJson(options);
        return options;
    }

    public static async Task<RegistryDocument> CreateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Identifiers).OrderBy(o => o.Id).ToListAsync(ct);
        var partnerships = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.Partnerships)
            .AsSplitQuery().OrderBy(a => a.Id).ToListAsync(ct);
        var goals = await db.Goals.AsNoTracking().Include(g => g.Measurements).OrderBy(g => g.Id).ToListAsync(ct);

        return new RegistryDocument(RegistryDocument.FormatName, RegistryDocument.CurrentVersion, DateTime.UtcNow,
            organisations.Select(RegistryRecords.From).ToList(),
            partnerships.Select(RegistryRecords.From).ToList(),
            memberships.Select(RegistryRecords.From).ToList(),
            agreements.Select(RegistryRecords.From).ToList(),
            goals.Select(RegistryRecords.From).ToList());
    }

    public static Task WriteAsync(RegistryDocument document, Stream stream, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(stream, document, Json, ct);
}
