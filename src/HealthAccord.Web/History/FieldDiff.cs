using System.Text.Json.Nodes;
using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

/// <summary>
/// The fields in which two snapshots of a record differ, compared as they read (so a party re-saved under a new
/// internal id is not a change). Timestamps and the version are left out: they change with every save and say
/// nothing the time of the change does not. A snapshot that is null (record created or deleted) lists every field
/// the other one fills.
/// </summary>
public static class FieldDiff
{
    public static List<FieldChange> Compare(RecordType type, JsonObject? before, JsonObject? after, RecordLabels labels)
    {
        var changes = new List<FieldChange>();
        foreach (var field in FieldsOf(before).Union(FieldsOf(after)))
        {
            var old = Read(before, field);
            var now = Read(after, field);
            if (old is JsonArray || now is JsonArray)
            {
                var oldEntries = old is JsonArray a ? FieldText.Entries(field, a, labels) : [];
                var newEntries = now is JsonArray b ? FieldText.Entries(field, b, labels) : [];
                var removed = Without(oldEntries, newEntries);
                var added = Without(newEntries, oldEntries);
                if (removed.Count > 0 || added.Count > 0) changes.Add(new FieldChange(field, null, null, removed, added));
                continue;
            }
            var oldText = FieldText.Value(type, field, old, labels);
            var newText = FieldText.Value(type, field, now, labels);
            if (!string.Equals(oldText, newText, StringComparison.Ordinal)) changes.Add(new FieldChange(field, oldText, newText, null, null));
        }
        return changes;
    }

    /// <summary>The record's own fields in their JSON order, then its sources (kept under "meta" with the timestamps).</summary>
    private static IEnumerable<string> FieldsOf(JsonObject? snapshot)
    {
        if (snapshot is null) yield break;
        foreach (var (name, _) in snapshot)
        {
            if (name is not ("id" or "meta")) yield return name;
        }
        if (snapshot["meta"] is JsonObject) yield return "sources";
    }

    private static JsonNode? Read(JsonObject? snapshot, string field) =>
        snapshot is null ? null
        : field == "sources" ? snapshot["meta"]?["sources"]
        : snapshot[field];

    /// <summary>The entries of <paramref name="from"/> not matched one-for-one in <paramref name="other"/>, in order.</summary>
    private static List<string> Without(List<string> from, List<string> other)
    {
        var remaining = other.GroupBy(e => e, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var entry in from)
        {
            if (remaining.TryGetValue(entry, out var count) && count > 0) remaining[entry] = count - 1;
            else result.Add(entry);
        }
        return result;
    }
}
