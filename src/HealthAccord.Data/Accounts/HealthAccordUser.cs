using HealthAccord.Data.Registry;
using Microsoft.AspNetCore.Identity;

namespace HealthAccord.Data.Accounts;

/// <summary>
/// A person who signs in to change the registry. Readers need no account. What the person may change follows from
/// their roles (<see cref="AccountRoles"/>) and the scopes below, which are read fresh on every write.
/// </summary>
public sealed class HealthAccordUser : IdentityUser
{
    /// <summary>How the person is named on admin pages; the email address when empty.</summary>
    public string? DisplayName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>For a funder representative: the one organisation whose record they answer for.</summary>
    public int? RepresentedOrganisationId { get; set; }
    public Organisation? RepresentedOrganisation { get; set; }

    /// <summary>For an editor: the partnerships whose records they keep.</summary>
    public List<EditorPartnership> EditedPartnerships { get; set; } = [];

    public List<ApiToken> ApiTokens { get; set; } = [];

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
