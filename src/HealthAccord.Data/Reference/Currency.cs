namespace HealthAccord.Data.Reference;

/// <summary>ISO 4217 currency (reference data).</summary>
public sealed class Currency
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? NumericCode { get; set; }
    public int? MinorUnits { get; set; }
}
