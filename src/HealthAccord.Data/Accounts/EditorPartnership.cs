using HealthAccord.Data.Registry;

namespace HealthAccord.Data.Accounts;

/// <summary>One partnership an editor may change, with its memberships, goals, measurements and linked agreements.</summary>
public sealed class EditorPartnership
{
    public required string UserId { get; set; }
    public int PartnershipId { get; set; }
    public Partnership? Partnership { get; set; }
}
