using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Memberships;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed class MembershipRestorer(HealthAccordDbContext db, TimeProvider clock) : RecordRestorer(db, clock)
{
    public override RecordType Type => RecordType.Membership;

    public override async Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct)
    {
        var membership = await Db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (target is null)
        {
            if (membership is not null) Db.Memberships.Remove(membership);
            return await SaveAsync(ct);
        }

        var record = Read<MembershipRecord>(target);
        // The input names the partnership by slug, which may have changed since; the id has not.
        var slug = await Db.Partnerships.Where(p => p.Id == record.PartnershipId).Select(p => p.Slug).SingleOrDefaultAsync(ct);
        var input = new MembershipInput(slug ?? $"(deleted partnership {record.PartnershipId})", record.OrganisationId, record.CountryCode, record.Role,
            record.Note, record.Joined, record.Left, Sources(record.Meta));
        var (validation, parsed) = await input.ValidateAsync(Db, ct);
        if (!validation.IsValid) return Invalid(validation, label);

        if (membership is null)
        {
            membership = new Membership { Id = id };
            Db.Memberships.Add(membership);
        }
        input.ApplyTo(membership, parsed);
        return await SaveAsync(ct);
    }
}
