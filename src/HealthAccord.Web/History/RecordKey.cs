using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

/// <summary>One registry record: its type and id. Slugs change; ids do not, so history is kept by id.</summary>
public readonly record struct RecordKey(RecordType Type, int Id);
