using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants.Links;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Derives what the database stores from a valid record: the euro amount at the award date's rate, the registry
/// organisations it names (created when unknown), the pathogens its text mentions, its HRCS health categories and the
/// partnerships the rules link it to. Not thread-safe: the organisation matcher remembers what it has created.
/// </summary>
internal sealed class GrantPreparation(ExchangeRates rates, PathogenTagger tagger, HrcsCategories hrcs, OrganisationMatcher matcher,
    IReadOnlySet<string> countries, PartnershipLinker linker)
{
    public int OrganisationsCreated => matcher.Created;

    public PreparedGrant Prepare(GrantRecord record)
    {
        var newIdentifiers = new List<NewOrganisationIdentifier>();
        var participants = new List<PreparedParticipant>(record.Funders.Count + record.Recipients.Count);
        foreach (var reference in record.Funders.Concat(record.Recipients))
        {
            var role = reference.Role switch
            {
                OrganisationRole.Funder => ParticipantRole.Funder,
                OrganisationRole.Lead => ParticipantRole.Lead,
                _ => ParticipantRole.Participant,
            };
            participants.Add(new PreparedParticipant(matcher.Match(reference, newIdentifiers), role, reference.Share));
        }

        var text = new GrantText(record.Title, record.Description,
            record.Classifications.Select(c => c.Title).OfType<string>().ToList(),
            record.Programme is null ? null : [record.Programme], record.AwardDate);
        var pathogens = tagger.Tag(text).DistinctBy(m => m.PathogenCode).Select(m => (m.PathogenCode, m.RuleId)).ToList();

        var categories = record.Classifications
            .Where(c => c.Vocabulary is null || c.Vocabulary.Contains("HRCS", StringComparison.OrdinalIgnoreCase))
            .Select(c => hrcs.TryMatch(c.Code, out var byCode) ? byCode : hrcs.TryMatch(c.Title, out var byTitle) ? byTitle : null)
            .OfType<HrcsCategory>()
            .Select(c => c.Code)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var grantCountries = record.Countries.Select(c => c.ToUpperInvariant()).Where(countries.Contains).Distinct().ToList();
        var links = linker.Match(LinkFacts(record, participants, grantCountries, pathogens, categories));

        var converted = rates.TryConvertToEur(record.AmountAwarded, record.Currency, record.AwardDate, out var conversion);
        return new PreparedGrant
        {
            Record = record,
            AmountEur = converted ? conversion.AmountEur : null,
            EurRate = converted ? conversion.Rate : null,
            EurRateDate = converted ? conversion.RateDate : null,
            Participants = participants,
            Countries = grantCountries,
            Pathogens = pathogens,
            Categories = categories,
            NewIdentifiers = newIdentifiers,
            Links = links,
        };
    }

    /// <summary>
    /// The grant as the rules see it, built from the same values the store writes, so that <c>relink</c>, which reads
    /// them back from the database (<see cref="GrantLinkFacts.From"/>), comes to the same links. An organisation this
    /// import creates has no id yet; it cannot hold a seat either, since seats name organisations the registry held.
    /// </summary>
    private static GrantLinkFacts LinkFacts(GrantRecord record, List<PreparedParticipant> participants, List<string> countries,
        List<(string Pathogen, string Rule)> pathogens, List<string> categories) => new(
        record.AwardDate,
        [record.Title, record.Description, record.Programme, record.Call, record.Topic],
        participants.Where(p => p.Role == ParticipantRole.Funder)
            .Select(p => new FunderFact(p.Organisation.RegistryId, p.Organisation.Name, p.Organisation.CountryCode, FunderFact.IsPublicType(p.Organisation.Type)))
            .ToList(),
        countries.Concat(participants.Where(p => p.Role != ParticipantRole.Funder).Select(p => p.Organisation.CountryCode).OfType<string>())
            .ToHashSet(StringComparer.Ordinal),
        pathogens.Select(p => p.Pathogen).ToList(),
        categories);
}
