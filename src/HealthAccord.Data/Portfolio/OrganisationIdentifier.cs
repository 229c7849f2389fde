using HealthAccord.Data.Registry;

namespace HealthAccord.Data.Portfolio;

/// <summary>
/// An org-id identifier (GB-CHC-1156077, XI-ROR-031jv9v19, …) under which datasets name an organisation; imports
/// match funders and recipients through these before falling back to the name.
/// </summary>
public sealed class OrganisationIdentifier
{
    public required string Value { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
}
