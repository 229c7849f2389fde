using HealthAccord.Data.Common;
using HealthAccord.Data.Reference;

namespace HealthAccord.Data.Registry;

public sealed class Organisation : RegistryRecord
{
    public required string Name { get; set; }
    public string? Acronym { get; set; }
    public OrganisationType Type { get; set; }

    /// <summary>ISO 3166-1 alpha-2, or "EU" for the Union's own bodies; empty for global bodies.</summary>
    public string? CountryCode { get; set; }
    public Country? Country { get; set; }

    /// <summary>Research Organization Registry id in its short form, e.g. "031jv9v19".</summary>
    public string? RorId { get; set; }
    public string? Website { get; set; }

    /// <summary>Created by an import from a name no registry organisation matched; an editor should confirm or merge it.</summary>
    public bool NeedsReview { get; set; }

    public List<Membership> Memberships { get; set; } = [];
    public List<Portfolio.OrganisationIdentifier> Identifiers { get; set; } = [];
}
