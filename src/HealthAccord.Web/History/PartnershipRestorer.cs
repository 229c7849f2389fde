using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed class PartnershipRestorer(HealthAccordDbContext db, TimeProvider clock) : RecordRestorer(db, clock)
{
    public override RecordType Type => RecordType.Partnership;

    public override async Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct)
    {
        var partnership = await Db.Partnerships.Include(p => p.Agreements).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (target is null)
        {
            // As the delete endpoint does: its memberships and goals go with it.
            if (partnership is not null) Db.Partnerships.Remove(partnership);
            return await SaveAsync(ct);
        }

        var record = Read<PartnershipRecord>(target);
        var input = new PartnershipInput(record.Slug, record.Acronym, record.Name, record.Kind, record.Summary, record.Mission, record.FoundedYear,
            record.Website, record.Secretariat, record.Themes, record.EuRole, record.EuRoleNote, record.Status, Sources(record.Meta));
        var validation = input.Validate(Clock.GetUtcNow().Year);
        if (validation.IsValid && await Db.Partnerships.AnyAsync(p => p.Slug == input.Slug && p.Id != id, ct))
            validation.Add("slug", $"A partnership with the slug '{input.Slug}' already exists.");
        if (!validation.IsValid) return Invalid(validation, label);

        if (partnership is null)
        {
            partnership = new Partnership { Id = id, Slug = "", Acronym = "", Name = "", Summary = "" };
            Db.Partnerships.Add(partnership);
        }
        input.ApplyTo(partnership);
        return await SaveAsync(ct);
    }
}
