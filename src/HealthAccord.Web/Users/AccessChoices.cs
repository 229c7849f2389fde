using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Users;

/// <summary>The partnerships and organisations an administrator can pick scopes from.</summary>
public sealed record AccessChoices(IReadOnlyList<AccessChoices.Choice> Partnerships, IReadOnlyList<AccessChoices.Choice> Organisations)
{
    public sealed record Choice(int Id, string Label);

    public static async Task<AccessChoices> LoadAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var partnerships = await db.Partnerships.OrderBy(p => p.Acronym)
            .Select(p => new Choice(p.Id, p.Acronym + " — " + p.Name)).ToListAsync(ct);
        // Every organisation, funders that only grant imports know included: those are who representatives often answer for.
        var organisations = await db.Organisations.OrderBy(o => o.Name)
            .Select(o => new Choice(o.Id, (o.Acronym == null ? o.Name : o.Name + " (" + o.Acronym + ")") + (o.NeedsReview ? " — from a grant import" : "")))
            .ToListAsync(ct);
        return new AccessChoices(partnerships, organisations);
    }
}
