namespace HealthAccord.Web.Grants.Editing;

/// <summary>
/// A grant as its history stores it: the fields an edit can change, directly or through the rules an edit re-runs
/// (euro conversion, pathogen tags, partnership links). Organisations and the import source are left out: an edit
/// does not change them, so they would only make every snapshot longer.
/// </summary>
public sealed record GrantSnapshot(
    long Id,
    string Identifier,
    string Title,
    string? Description,
    string Currency,
    decimal AmountAwarded,
    decimal? AmountEur,
    decimal? EurRate,
    DateOnly? EurRateDate,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    string? Programme,
    string? Call,
    string? Topic,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Pathogens,
    IReadOnlyList<int> PartnershipIds)
{
    public static GrantSnapshot From(FullGrantRow g) => new(
        g.Id, g.Identifier, g.Title, g.Description, g.Currency, g.AmountAwarded, g.AmountEur, g.EurRate, g.EurRateDate,
        g.AwardDate, g.PlannedStart, g.PlannedEnd, g.Programme, g.Call, g.Topic,
        g.Countries, g.Pathogens.Select(p => p.Pathogen).ToList(), g.Partnerships.Select(p => p.Id).OrderBy(id => id).ToList());
}
