using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Web.Grants.Links;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants;

/// <summary>The grant's record as the API and the /grants/{id} page show it, read from the database.</summary>
public static class GrantQueries
{
    public static async Task<GrantDetail?> DetailAsync(HealthAccordDbContext db, GrantLabels labels, long id, DateOnly today, CancellationToken ct)
    {
        var grant = await db.Grants.AsNoTracking()
            .Include(g => g.Participants).ThenInclude(p => p.Organisation)
            .Include(g => g.Countries)
            .Include(g => g.Pathogens)
            .Include(g => g.Categories)
            .Include(g => g.Partnerships)
            .AsSplitQuery()
            .SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return null;

        var reasons = await LinkReasonsAsync(db, grant, ct);
        var countries = await labels.CountriesAsync(db, ct);
        var currencies = await labels.CurrenciesAsync(db, ct);
        return new GrantDetail(
            grant.Id, grant.Identifier, grant.Title, grant.Description, grant.AmountAwarded, grant.Currency,
            currencies.GetValueOrDefault(grant.Currency), grant.AmountEur, grant.EurRate, grant.EurRateDate,
            grant.AwardDate, grant.PlannedStart, grant.PlannedEnd, GrantSearch.IsLive(grant.PlannedStart, grant.PlannedEnd, today),
            grant.Programme, grant.Call, grant.Topic,
            grant.Participants.OrderBy(p => p.Position).Select(p => new GrantParticipantDto(
                p.OrganisationId, p.Organisation.Name, p.Organisation.Acronym, p.Organisation.CountryCode, p.Role, p.Share, p.Position,
                $"/organisations/{p.OrganisationId}")).ToList(),
            grant.Countries.OrderBy(c => c.CountryCode)
                .Select(c => new GrantCountryDto(c.CountryCode, countries.GetValueOrDefault(c.CountryCode, c.CountryCode))).ToList(),
            grant.Pathogens.OrderBy(p => p.Pathogen).Select(p => new GrantPathogenDto(p.Pathogen, GrantLabels.PathogenLabel(p.Pathogen), p.Rule)).ToList(),
            grant.Categories.OrderBy(c => c.HrcsCode).Select(c => new GrantCategoryDto(c.HrcsCode, labels.HrcsLabel(c.HrcsCode))).ToList(),
            grant.Partnerships.OrderBy(p => p.Acronym)
                .Select(p => new GrantPartnershipRef(p.Slug, p.Acronym, p.Name, $"/partnerships/{p.Slug}", reasons.GetValueOrDefault(p.Id))).ToList(),
            new GrantSourceDto(grant.SourceDataset, grant.SourceRow),
            grant.ImportedAt, grant.UpdatedAt, grant.Version, $"/grants/{grant.Id}");
    }

    /// <summary>Re-runs the linking rules on this one grant to say why each stored link exists.</summary>
    private static async Task<Dictionary<int, string>> LinkReasonsAsync(HealthAccordDbContext db, Grant grant, CancellationToken ct)
    {
        if (grant.Partnerships.Count == 0) return [];
        var linker = await PartnershipLinker.LoadAsync(db, ct);
        var funders = grant.Participants.Where(p => p.Role == ParticipantRole.Funder)
            .Select(p => new FunderFact(p.OrganisationId, p.Organisation.Name, p.Organisation.CountryCode, FunderFact.IsPublicType(p.Organisation.Type)))
            .ToList();
        var countries = grant.Countries.Select(c => c.CountryCode)
            .Concat(grant.Participants.Where(p => p.Role != ParticipantRole.Funder).Select(p => p.Organisation.CountryCode).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var facts = new GrantLinkFacts(grant.AwardDate, [grant.Title, grant.Description, grant.Programme, grant.Call, grant.Topic], funders,
            countries, grant.Pathogens.Select(p => p.Pathogen).ToList(), grant.Categories.Select(c => c.HrcsCode).ToList());
        return linker.Match(facts).ToDictionary(l => l.PartnershipId, l => l.Reason);
    }
}
