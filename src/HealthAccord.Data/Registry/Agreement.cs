using HealthAccord.Data.Common;

namespace HealthAccord.Data.Registry;

public sealed class Agreement : RegistryRecord
{
    public required string Title { get; set; }
    public AgreementKind Kind { get; set; }
    public PartialDate? Signed { get; set; }
    public PartialDate? EnteredIntoForce { get; set; }
    public PartialDate? Expires { get; set; }

    /// <summary>Renewals, extensions and duration terms, in words.</summary>
    public string? RenewalNote { get; set; }
    public AgreementStatus Status { get; set; }

    /// <summary>The status as the source words it, where it says more than the category.</summary>
    public string? StatusNote { get; set; }
    public string? Scope { get; set; }

    public List<AgreementParty> Parties { get; set; } = [];
    public List<AgreementDocument> Documents { get; set; } = [];
    public List<Partnership> Partnerships { get; set; } = [];
}

/// <summary>
/// One signatory: a registry organisation, a country, or (for bodies not in the registry,
/// e.g. "Council of the EU") a name only.
/// </summary>
public sealed class AgreementParty
{
    public int Id { get; set; }
    public int AgreementId { get; set; }
    public required string Name { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? CountryCode { get; set; }
    public Reference.Country? Country { get; set; }
}

public sealed class AgreementDocument
{
    public required string Title { get; set; }
    public required string Url { get; set; }

    /// <summary>ISO 639-1 language code.</summary>
    public string Language { get; set; } = "en";
}
