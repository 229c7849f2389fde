using HealthAccord.Data.Common;
using HealthAccord.Data.Reference;

namespace HealthAccord.Data.Registry;

/// <summary>
/// A seat in a partnership, held by an organisation or, for state members such as EDCTP's
/// participating states, by a country. Exactly one of the two is set.
/// </summary>
public sealed class Membership : RegistryRecord
{
    public int PartnershipId { get; set; }
    public Partnership Partnership { get; set; } = null!;

    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }

    public string? CountryCode { get; set; }
    public Country? Country { get; set; }

    public MembershipRole Role { get; set; }
    public PartialDate? Joined { get; set; }
    public PartialDate? Left { get; set; }

    /// <summary>A remark from the source, e.g. which page listed the member.</summary>
    public string? Note { get; set; }
}
