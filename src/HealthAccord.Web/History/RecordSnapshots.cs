using System.Text.Json;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Editing;
using HealthAccord.Web.Shared;
using HealthAccord.Web.Transfer;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>
/// Reads registry records as they stand in the database, in the export's record shape (<see cref="RegistryRecords"/>),
/// as JSON objects: the form in which history stores them and compares them.
/// </summary>
public static class RecordSnapshots
{
    /// <summary>Compact JSON with the API's naming, so a stored snapshot reads like the export and the API.</summary>
    public static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        WebRegistration.ConfigureJson(options);
        return options;
    }

    /// <summary>The records of one type with these ids that exist; a missing id is simply absent from the answer.</summary>
    public static async Task<Dictionary<int, JsonObject>> LoadAsync(HealthAccordDbContext db, RecordType type, IReadOnlyCollection<int> ids,
        CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var wanted = ids.Distinct().ToList();
        return type switch
        {
            RecordType.Partnership => ToJson(await db.Partnerships.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToListAsync(ct),
                p => p.Id, RegistryRecords.From),
            RecordType.Organisation => ToJson(await db.Organisations.AsNoTracking().Include(o => o.Identifiers)
                .Where(o => wanted.Contains(o.Id)).ToListAsync(ct), o => o.Id, RegistryRecords.From),
            RecordType.Membership => ToJson(await db.Memberships.AsNoTracking().Where(m => wanted.Contains(m.Id)).ToListAsync(ct),
                m => m.Id, RegistryRecords.From),
            RecordType.Agreement => ToJson(await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.Partnerships)
                .AsSplitQuery().Where(a => wanted.Contains(a.Id)).ToListAsync(ct), a => a.Id, RegistryRecords.From),
            RecordType.Goal => ToJson(await db.Goals.AsNoTracking().Include(g => g.Measurements)
                .Where(g => wanted.Contains(g.Id)).ToListAsync(ct), g => g.Id, RegistryRecords.From),
            RecordType.Grant => ToJson(await FullGrantRows.LoadAsync(db, wanted.Select(id => (long)id).ToList(), ct),
                g => GrantHistory.RecordId(g.Id), GrantSnapshot.From),
            RecordType.Outbreak => ToJson(await db.Outbreaks.AsNoTracking().Include(o => o.Countries).Include(o => o.Partnerships)
                .AsSplitQuery().Where(o => wanted.Contains(o.Id)).ToListAsync(ct), o => o.Id, Outbreaks.Declaration.OutbreakSnapshot.From),
            RecordType.OutbreakResponse => ToJson(await db.OutbreakResponses.AsNoTracking().Where(r => wanted.Contains(r.Id)).ToListAsync(ct),
                r => r.Id, Outbreaks.Board.OutbreakSnapshots.From),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
    }

    public static async Task<JsonObject?> LoadAsync(HealthAccordDbContext db, RecordKey key, CancellationToken ct) =>
        (await LoadAsync(db, key.Type, [key.Id], ct)).GetValueOrDefault(key.Id);

    private static Dictionary<int, JsonObject> ToJson<TEntity, TRecord>(List<TEntity> entities, Func<TEntity, int> id, Func<TEntity, TRecord> map) =>
        entities.ToDictionary(id, e => JsonSerializer.SerializeToNode(map(e), Json)!.AsObject());

    public static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json)!.AsObject();

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new JsonException($"A stored snapshot is empty where a {typeof(T).Name} was expected.");
}
