using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

/// <summary>
/// Adding, changing and removing a seat, once for the API endpoints and the edit pages (see
/// <see cref="Partnerships.PartnershipWrites"/> for how callers use it). The seat's partnership decides who may.
/// </summary>
public static class MembershipWrites
{
    public static async Task<WriteOutcome<Membership>> CreateAsync(HttpContext http, HealthAccordDbContext db, MembershipInput input, CancellationToken ct)
    {
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // The partnership decides who may add the seat; refuse before listing other fields' errors to a stranger.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } denied) return denied;
        if (!validation.IsValid) return validation;
        var membership = new Membership();
        input.ApplyTo(membership, parsed);
        db.Memberships.Add(membership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return membership;
    }

    public static async Task<WriteOutcome<Membership>> UpdateAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        MembershipInput input, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (membership is null) return Problems.NotFound("Membership", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(membership.PartnershipId)) is { } denied) return denied;
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // Moving the seat to another partnership needs the right to edit that one too.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } deniedTarget) return deniedTarget;
        if (!validation.IsValid) return validation;
        if (membership.Version != expectedVersion) return Preconditions.Conflict();
        input.ApplyTo(membership, parsed);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return membership;
    }

    public static async Task<WriteOutcome<Membership>> DeleteAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (membership is null) return Problems.NotFound("Membership", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(membership.PartnershipId)) is { } denied) return denied;
        if (membership.Version != expectedVersion) return Preconditions.Conflict();
        db.Memberships.Remove(membership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return membership;
    }
}
