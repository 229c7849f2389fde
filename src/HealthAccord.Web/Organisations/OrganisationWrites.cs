using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations;

/// <summary>
/// Creating, changing and deleting an organisation, once for the API endpoints and the edit pages (see
/// <see cref="Partnerships.PartnershipWrites"/> for how callers use it).
/// </summary>
public static class OrganisationWrites
{
    public static async Task<WriteOutcome<Organisation>> CreateAsync(HttpContext http, HealthAccordDbContext db, OrganisationInput input, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is { } denied) return denied;
        var validation = await input.ValidateAsync(db, null, ct);
        if (!validation.IsValid) return validation;
        var organisation = new Organisation { Name = "" };
        input.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return organisation;
    }

    public static async Task<WriteOutcome<Organisation>> UpdateAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        OrganisationInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return Problems.NotFound("Organisation", $"{id}");
        if (await http.AuthorizeWriteAsync(new OrganisationRecord(id)) is { } denied) return denied;
        var validation = await input.ValidateAsync(db, id, ct);
        if (!validation.IsValid) return validation;
        if (organisation.Version != expectedVersion) return Preconditions.Conflict();
        input.ApplyTo(organisation);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return organisation;
    }

    /// <summary>Deletes an organisation that holds no seat, is party to no agreement and takes part in no grant.</summary>
    public static async Task<WriteOutcome<Organisation>> DeleteAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is { } denied) return denied;
        var current = await OrganisationQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Organisation", $"{id}");
        var grants = await db.GrantParticipants.Where(p => p.OrganisationId == id).Select(p => p.GrantId).Distinct().CountAsync(ct);
        if (current.Memberships.Count > 0 || current.Agreements.Count > 0 || grants > 0)
        {
            return Problems.InUse($"The organisation holds {current.Memberships.Count} membership(s), is party to {current.Agreements.Count} agreement(s) " +
                $"and takes part in {grants} grant(s). Remove or reassign those first.");
        }
        var organisation = await db.Organisations.SingleAsync(o => o.Id == id, ct);
        if (organisation.Version != expectedVersion) return Preconditions.Conflict();
        db.Organisations.Remove(organisation);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return organisation;
    }
}
