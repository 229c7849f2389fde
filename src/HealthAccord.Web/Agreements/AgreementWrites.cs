using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

/// <summary>
/// Creating, changing and deleting a cooperation agreement, once for the API endpoints and the edit pages (see
/// <see cref="Partnerships.PartnershipWrites"/> for how callers use it). The partnerships it is linked to before and
/// after the change decide who may make it.
/// </summary>
public static class AgreementWrites
{
    public static async Task<WriteOutcome<Agreement>> CreateAsync(HttpContext http, HealthAccordDbContext db, AgreementInput input, CancellationToken ct)
    {
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        var change = new AgreementChange(new HashSet<int>(), parsed.Partnerships.Select(p => p.Id).ToHashSet());
        if (await http.AuthorizeWriteAsync(change) is { } denied) return denied;
        if (!validation.IsValid) return validation;
        var agreement = new Agreement { Title = "" };
        input.ApplyTo(agreement, parsed);
        db.Agreements.Add(agreement);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return agreement;
    }

    public static async Task<WriteOutcome<Agreement>> UpdateAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        AgreementInput input, CancellationToken ct)
    {
        var agreement = await db.Agreements.Include(a => a.Parties).Include(a => a.Partnerships).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return Problems.NotFound("Agreement", $"{id}");
        var linked = agreement.Partnerships.Select(p => p.Id).ToHashSet();
        // First whether the caller may touch this agreement at all, then whether the links they send are theirs to change.
        if (await http.AuthorizeWriteAsync(new AgreementChange(linked, linked)) is { } denied) return denied;
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        if (await http.AuthorizeWriteAsync(new AgreementChange(linked, parsed.Partnerships.Select(p => p.Id).ToHashSet())) is { } deniedLinks)
            return deniedLinks;
        if (!validation.IsValid) return validation;
        if (agreement.Version != expectedVersion) return Preconditions.Conflict();
        input.ApplyTo(agreement, parsed);
        // Replacing parties or links alone would not mark the agreement itself modified; its version must still move.
        db.Entry(agreement).State = EntityState.Modified;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return agreement;
    }

    public static async Task<WriteOutcome<Agreement>> DeleteAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion, CancellationToken ct)
    {
        var agreement = await db.Agreements.Include(a => a.Partnerships).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return Problems.NotFound("Agreement", $"{id}");
        var linked = agreement.Partnerships.Select(p => p.Id).ToHashSet();
        if (await http.AuthorizeWriteAsync(new AgreementChange(linked, new HashSet<int>(), Deleting: true)) is { } denied) return denied;
        if (agreement.Version != expectedVersion) return Preconditions.Conflict();
        db.Agreements.Remove(agreement);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return agreement;
    }
}
