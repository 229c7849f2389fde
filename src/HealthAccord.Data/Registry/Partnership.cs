using HealthAccord.Data.Common;

namespace HealthAccord.Data.Registry;

public sealed class Partnership : RegistryRecord
{
    /// <summary>URL name, e.g. "glopid-r"; unique and stable.</summary>
    public required string Slug { get; set; }
    public required string Acronym { get; set; }
    public required string Name { get; set; }
    public PartnershipKind Kind { get; set; }
    public required string Summary { get; set; }
    public string? Mission { get; set; }
    public int? FoundedYear { get; set; }
    public string? Website { get; set; }
    public string? Secretariat { get; set; }
    public List<string> Themes { get; set; } = [];
    public EuRole EuRole { get; set; }

    /// <summary>What the EU gives or does in this partnership, in plain words.</summary>
    public string? EuRoleNote { get; set; }
    public PartnershipStatus Status { get; set; }

    public List<Membership> Memberships { get; set; } = [];
    public List<Goal> Goals { get; set; } = [];
    public List<Agreement> Agreements { get; set; } = [];
}
