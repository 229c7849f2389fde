using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Organisations.Review;

/// <summary>Confirming that an organisation an import created is one of its own; shared by the review page and the API.</summary>
public static class ReviewWrites
{
    public static async Task<WriteOutcome<Organisation>> ConfirmAsync(HttpContext http, HealthAccordDbContext db, int id, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new OrganisationReview()) is { } denied) return denied;
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return Problems.NotFound("Organisation", $"{id}");
        organisation.NeedsReview = false;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return organisation;
    }
}
