namespace HealthAccord.Data.Reference;

/// <summary>ISO 3166-1 country (reference data, not edited through the registry).</summary>
public sealed class Country
{
    /// <summary>ISO 3166-1 alpha-2. "EU" is the exceptionally reserved code for the European Union.</summary>
    public required string Code { get; set; }
    public required string Alpha3 { get; set; }
    public required string Name { get; set; }
    public string? Region { get; set; }
    public string? SubRegion { get; set; }

    /// <summary>World Bank income group (FY2024 classification) where one is given.</summary>
    public string? IncomeGroup { get; set; }
    public string? CurrencyCode { get; set; }
    public bool IsEuMemberState { get; set; }
    public bool IsSupranational { get; set; }
}
