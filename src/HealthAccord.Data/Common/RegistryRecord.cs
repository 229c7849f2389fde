namespace HealthAccord.Data.Common;

/// <summary>Fields every editable registry record shares: identity, sources, timestamps, version.</summary>
public abstract class RegistryRecord
{
    public int Id { get; set; }

    public List<SourceReference> Sources { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Incremented on every save; the optimistic-concurrency token.</summary>
    public int Version { get; set; }
}
