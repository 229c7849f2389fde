using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Agreements;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed class AgreementRestorer(HealthAccordDbContext db, TimeProvider clock) : RecordRestorer(db, clock)
{
    public override RecordType Type => RecordType.Agreement;

    public override async Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct)
    {
        var agreement = await Db.Agreements.Include(a => a.Parties).Include(a => a.Partnerships).AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (target is null)
        {
            if (agreement is not null) Db.Agreements.Remove(agreement);
            return await SaveAsync(ct);
        }

        var record = Read<AgreementRecord>(target);
        var slugs = await Db.Partnerships.Where(p => record.PartnershipIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Slug, ct);
        var input = new AgreementInput(record.Title, record.Kind, record.Status, record.StatusNote, record.Signed, record.EnteredIntoForce,
            record.Expires, record.RenewalNote, record.Scope,
            record.Parties.Select(p => new PartyInput(p.Name, p.OrganisationId, p.CountryCode)).ToList(),
            record.Documents.Select(d => new DocumentInput(d.Title, d.Url, d.Language)).ToList(),
            record.PartnershipIds.Select(p => slugs.GetValueOrDefault(p) ?? $"(deleted partnership {p})").ToList(),
            Sources(record.Meta));
        var (validation, parsed) = await input.ValidateAsync(Db, ct);
        if (!validation.IsValid) return Invalid(validation, label);

        if (agreement is null)
        {
            agreement = new Agreement { Id = id, Title = "" };
            Db.Agreements.Add(agreement);
        }
        input.ApplyTo(agreement, parsed);
        // As the update endpoint does: new parties or links alone would not move the agreement's version.
        if (Db.Entry(agreement).State == EntityState.Unchanged) Db.Entry(agreement).State = EntityState.Modified;
        return await SaveAsync(ct);
    }
}
