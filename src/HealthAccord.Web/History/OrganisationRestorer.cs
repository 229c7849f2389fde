using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Organisations;
using HealthAccord.Web.Shared;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed class OrganisationRestorer(HealthAccordDbContext db, TimeProvider clock) : RecordRestorer(db, clock)
{
    public override RecordType Type => RecordType.Organisation;

    public override async Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct)
    {
        var organisation = await Db.Organisations.Include(o => o.Identifiers).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (target is null)
        {
            if (organisation is null) return null;
            // The delete endpoint's rule: an organisation something still refers to stays.
            var memberships = await Db.Memberships.CountAsync(m => m.OrganisationId == id, ct);
            var parties = await Db.AgreementParties.CountAsync(p => p.OrganisationId == id, ct);
            var grants = await Db.GrantParticipants.Where(p => p.OrganisationId == id).Select(p => p.GrantId).Distinct().CountAsync(ct);
            if (memberships > 0 || parties > 0 || grants > 0)
            {
                return Problems.InUse($"Organisation {label} now holds {memberships} membership(s), is party to {parties} agreement(s) " +
                    $"and takes part in {grants} grant(s), so it cannot be removed. Nothing was changed.").ProblemDetails;
            }
            Db.Organisations.Remove(organisation);
            return await SaveAsync(ct);
        }

        var record = Read<OrganisationRecord>(target);
        var input = new OrganisationInput(record.Name, record.Acronym, record.Type, record.CountryCode, record.RorId, record.Website, Sources(record.Meta));
        var validation = await input.ValidateAsync(Db, id, ct);
        if (!validation.IsValid) return Invalid(validation, label);

        if (organisation is null)
        {
            organisation = new Organisation { Id = id, Name = "" };
            Db.Organisations.Add(organisation);
        }
        input.ApplyTo(organisation);
        // Not part of an editor's input, but part of the record: restored with it.
        organisation.NeedsReview = record.NeedsReview;
        var wanted = record.Identifiers.ToHashSet(StringComparer.Ordinal);
        organisation.Identifiers.RemoveAll(i => !wanted.Contains(i.Value));
        foreach (var value in wanted.Except(organisation.Identifiers.Select(i => i.Value), StringComparer.Ordinal))
            organisation.Identifiers.Add(new OrganisationIdentifier { Value = value });
        return await SaveAsync(ct);
    }
}
