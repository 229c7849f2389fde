namespace HealthAccord.Web.Grants.Import;

public enum OrganisationRole
{
    Funder,
    Lead,
    Participant,
}

/// <summary>
/// A funder or recipient as named in a grant file; matching it to a registry organisation is the writer's job.
/// </summary>
/// <param name="Identifier">An org-id such as GB-CHC-1136547 or XI-ROR-0xxxxxxNN, or null where the source has none.</param>
/// <param name="Name">The organisation's name as the file spells it.</param>
/// <param name="CountryCode">ISO 3166-1 alpha-2 when the source gives a country the reader recognises, else null.</param>
/// <param name="Role">Funder, or the lead or another participant among the recipients.</param>
/// <param name="Share">The part of the award this organisation receives, where the source says (CORDIS ecContribution).</param>
public sealed record OrganisationRef(string? Identifier, string Name, string? CountryCode, OrganisationRole Role, decimal? Share = null);
