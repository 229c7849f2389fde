using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Partnerships;

/// <summary>
/// Creating, changing and deleting a partnership: the rights, the checks and the save, once for the API endpoints
/// and the edit pages. Callers run it inside a recorded change and decide how a stale version reaches the writer
/// (If-Match in the API, the version a form was loaded with on the site).
/// </summary>
public static class PartnershipWrites
{
    public static async Task<WriteOutcome<Partnership>> CreateAsync(HttpContext http, HealthAccordDbContext db, PartnershipInput input,
        int currentYear, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is { } denied) return denied;
        var validation = await ValidateAsync(db, input, storedSlug: null, currentYear, ct);
        if (!validation.IsValid) return validation;

        var partnership = new Partnership { Slug = "", Acronym = "", Name = "", Summary = "" };
        input.ApplyTo(partnership);
        db.Partnerships.Add(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return partnership;
    }

    /// <summary>Replaces the fields of the partnership if it is still at <paramref name="expectedVersion"/>.</summary>
    public static async Task<WriteOutcome<Partnership>> UpdateAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        PartnershipInput input, int currentYear, CancellationToken ct)
    {
        var partnership = await db.Partnerships.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null) return Problems.NotFound("Partnership", input.Slug ?? "");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(partnership.Id)) is { } denied) return denied;
        var validation = await ValidateAsync(db, input, partnership.Slug, currentYear, ct);
        if (!validation.IsValid) return validation;
        if (partnership.Version != expectedVersion) return Preconditions.Conflict();

        input.ApplyTo(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return partnership;
    }

    /// <summary>Deletes the partnership with its memberships and goals if it is still at <paramref name="expectedVersion"/>.</summary>
    public static async Task<WriteOutcome<Partnership>> DeleteAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion,
        CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is { } denied) return denied;
        var partnership = await db.Partnerships.Include(p => p.Agreements).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (partnership is null) return Problems.NotFound("Partnership", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (partnership.Version != expectedVersion) return Preconditions.Conflict();
        db.Partnerships.Remove(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return partnership;
    }

    private static async Task<Validation> ValidateAsync(HealthAccordDbContext db, PartnershipInput input, string? storedSlug, int currentYear,
        CancellationToken ct)
    {
        var validation = input.Validate(currentYear);
        if (validation.IsValid && input.Slug != storedSlug && await db.Partnerships.AnyAsync(p => p.Slug == input.Slug, ct))
            validation.Add("slug", $"A partnership with the slug '{input.Slug}' already exists.");
        return validation;
    }
}
