using HealthAccord.Data.Registry;

namespace HealthAccord.Web.Grants.Links;

/// <summary>What the partnership rules look at in one grant.</summary>
/// <param name="AwardDate">Seats count only while held: joined by the award date and not left before it.</param>
/// <param name="Text">Title, description, programme, call and topic, in any order; searched for names and themes.</param>
/// <param name="Funders">The funding organisations (registry ids) with their countries.</param>
/// <param name="Countries">Where the research happens: the grant's countries and its recipients' countries.</param>
/// <param name="Pathogens">Pathogen codes the grant is tagged with.</param>
/// <param name="Hrcs">HRCS health category codes.</param>
public sealed record GrantLinkFacts(
    DateOnly AwardDate,
    IReadOnlyList<string?> Text,
    IReadOnlyList<FunderFact> Funders,
    IReadOnlyCollection<string> Countries,
    IReadOnlyCollection<string> Pathogens,
    IReadOnlyCollection<string> Hrcs)
{
    /// <summary>The texts joined once, for the name and theme patterns to scan.</summary>
    public string JoinedText { get; } = string.Join('\n', Text.Where(t => !string.IsNullOrEmpty(t)));

    /// <summary>The facts of a grant as read for its page, its exports and relinking.</summary>
    public static GrantLinkFacts From(FullGrantRow grant) => new(
        grant.AwardDate,
        [grant.Title, grant.Description, grant.Programme, grant.Call, grant.Topic],
        grant.Funders.Select(p => new FunderFact(p.OrganisationId, p.Name, p.CountryCode, FunderFact.IsPublicType(p.Type))).ToList(),
        grant.Countries.Concat(grant.Recipients.Select(p => p.CountryCode).OfType<string>()).ToHashSet(StringComparer.Ordinal),
        grant.Pathogens.Select(p => p.Pathogen).ToList(),
        grant.Categories);
}

/// <summary>A funder of the grant.</summary>
/// <param name="OrganisationId">The funder's registry id.</param>
/// <param name="Name">Its name, for the link's reason.</param>
/// <param name="CountryCode">Its country, for partnerships whose seats are held by states.</param>
/// <param name="IsPublic">A public funding agency or government body: only these stand for their country's seat.</param>
public sealed record FunderFact(int OrganisationId, string Name, string? CountryCode, bool IsPublic)
{
    public static bool IsPublicType(OrganisationType type) => type is OrganisationType.Funder or OrganisationType.GovernmentBody;
}

/// <summary>A partnership a grant belongs to, and why, in words a reader can check.</summary>
public sealed record PartnershipLink(int PartnershipId, string Slug, string Acronym, string Reason);
