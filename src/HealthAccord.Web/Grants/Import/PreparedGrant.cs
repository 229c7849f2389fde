using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants.Links;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// A valid grant with everything the import derives from it (euro amount, matched organisations, pathogen and HRCS
/// tags), in the shape the database stores: what a store writes and compares with the row it already holds.
/// </summary>
internal sealed class PreparedGrant
{
    public required GrantRecord Record { get; init; }

    public decimal? AmountEur { get; init; }

    public decimal? EurRate { get; init; }

    public DateOnly? EurRateDate { get; init; }

    /// <summary>Funders first, then the lead and the other recipients, in the order they will be numbered.</summary>
    public required IReadOnlyList<PreparedParticipant> Participants { get; init; }

    /// <summary>Distinct codes the registry knows, upper case.</summary>
    public required IReadOnlyList<string> Countries { get; init; }

    /// <summary>One rule per pathogen: the first that matched.</summary>
    public required IReadOnlyList<(string Pathogen, string Rule)> Pathogens { get; init; }

    /// <summary>Distinct HRCS health category codes.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>Identifiers the registry learns from this grant; empty for most grants after the first few.</summary>
    public required IReadOnlyList<NewOrganisationIdentifier> NewIdentifiers { get; init; }

    /// <summary>Set by the store: the database id (new or kept).</summary>
    public long Id { get; set; }

    /// <summary>Set by the store.</summary>
    public GrantWriteResult Result { get; set; }

    /// <summary>The partnerships the rules link the grant to (Grants/Links/LINK-RULES.md), as <c>relink</c> would.</summary>
    public required IReadOnlyList<PartnershipLink> Links { get; init; }

    /// <summary>
    /// Set by the store when the grant's links differ from those it held: the index must then show the new ones even
    /// when nothing else about the grant changed.
    /// </summary>
    public bool LinksChanged { get; set; }

    /// <summary>Whether the search document must be written: the grant is new, changed, or only its links changed.</summary>
    public bool NeedsIndexing => Result != GrantWriteResult.Unchanged || LinksChanged;

    /// <summary>The grant as the search index needs it, with the registry's names for its organisations.</summary>
    public GrantIndexRow ToIndexRow() => new(
        Id, Record.Identifier, Record.Title, Record.Description, Record.Currency, AmountEur, Record.AwardDate,
        Record.PlannedStart, Record.PlannedEnd,
        [.. Participants.Select(p => new GrantIndexParticipant(p.Role, p.Organisation.Name, p.Organisation.CountryCode))],
        [.. Pathogens.Select(p => p.Pathogen)],
        [.. Categories],
        [.. Links.Select(l => l.Slug)]);
}

internal sealed record PreparedParticipant(OrganisationHandle Organisation, ParticipantRole Role, decimal? Share);

/// <summary>What storing a grant did.</summary>
internal enum GrantWriteResult
{
    Inserted,
    Updated,

    /// <summary>The database already held the grant with the same values: nothing was written, its version stays.</summary>
    Unchanged,
}
