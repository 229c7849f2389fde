using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Derives what the database stores from a valid record: the euro amount at the award date's rate, the registry
/// organisations it names (created when unknown), the pathogens its text mentions and its HRCS health categories.
/// Not thread-safe: the organisation matcher remembers what it has created.
/// </summary>
internal sealed class GrantPreparation(ExchangeRates rates, PathogenTagger tagger, HrcsCategories hrcs, OrganisationMatcher matcher,
    IReadOnlySet<string> countries)
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

        var converted = rates.TryConvertToEur(record.AmountAwarded, record.Currency, record.AwardDate, out var conversion);
        return new PreparedGrant
        {
            Record = record,
            AmountEur = converted ? conversion.AmountEur : null,
            EurRate = converted ? conversion.Rate : null,
            EurRateDate = converted ? conversion.RateDate : null,
            Participants = participants,
            Countries = [.. record.Countries.Select(c => c.ToUpperInvariant()).Where(countries.Contains).Distinct()],
            Pathogens = pathogens,
            Categories = categories,
            NewIdentifiers = newIdentifiers,
        };
    }
}
