using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

/// <summary>A seat's form as the browser posts it; the partnership comes from the page, not from the form.</summary>
public sealed class MembershipForm
{
    public int? OrganisationId { get; set; }
    public string? CountryCode { get; set; }
    public MembershipRole? Role { get; set; }
    public string? Note { get; set; }
    public string? Joined { get; set; }
    public string? Left { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

    /// <summary>The version of the seat the form was filled from.</summary>
    public int Version { get; set; }

    public static MembershipForm From(Membership m) => new()
    {
        OrganisationId = m.OrganisationId,
        CountryCode = m.CountryCode,
        Role = m.Role,
        Note = m.Note,
        Joined = m.Joined?.ToString(),
        Left = m.Left?.ToString(),
        Sources = SourceRows.From(m.Sources),
        Version = m.Version,
    };

    public MembershipInput ToInput(string partnershipSlug) =>
        new(partnershipSlug, OrganisationId, CountryCode, Role, Note, Joined, Left, SourceRows.ToInput(Sources).Sources);

    public void AddErrors(ModelStateDictionary modelState, string prefix, Validation validation)
    {
        var rows = SourceRows.ToInput(Sources).Rows;
        modelState.AddErrors(prefix, validation, field => SourceRows.FieldOf(field, "sources", nameof(Sources), rows));
    }

    /// <summary>
    /// The organisations a seat can be given to, by name. Those an import created and nobody has confirmed yet are left
    /// out (there can be thousands), except the one the seat already names.
    /// </summary>
    public static async Task<IReadOnlyList<SelectListItem>> OrganisationChoicesAsync(HealthAccordDbContext db, int? current, CancellationToken ct) =>
        await db.Organisations.AsNoTracking()
            .Where(o => !o.NeedsReview || o.Id == current)
            .OrderBy(o => o.Name)
            .Select(o => new SelectListItem(o.Acronym == null ? o.Name : o.Name + " (" + o.Acronym + ")", o.Id.ToString(CultureInfo.InvariantCulture)))
            .ToListAsync(ct);

    /// <summary>Both versions field by field, the writer's as saving it would have stored it.</summary>
    public static async Task<IReadOnlyList<ConflictRow>> CompareAsync(HealthAccordDbContext db, MembershipForm yours, Membership stored, CancellationToken ct)
    {
        var ids = new[] { yours.OrganisationId, stored.OrganisationId }.OfType<int>().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string Holder(int? organisation, string? country) =>
            organisation is { } id ? names.GetValueOrDefault(id, $"organisation {id}") : Persistence.NormaliseCountry(country) ?? "";
        return
        [
            new("Held by", Holder(yours.OrganisationId, yours.CountryCode), Holder(stored.OrganisationId, stored.CountryCode)),
            new("Role", yours.Role is { } role ? DisplayText.Label(role) : "", DisplayText.Label(stored.Role)),
            new("Joined", yours.Joined?.Trim() ?? "", stored.Joined?.ToString() ?? ""),
            new("Left", yours.Left?.Trim() ?? "", stored.Left?.ToString() ?? ""),
            new("Note", Persistence.Clean(yours.Note) ?? "", stored.Note ?? ""),
            new("Sources", SourceRows.Describe(SourceRows.ToInput(yours.Sources).Sources),
                SourceRows.Describe(stored.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)))),
        ];
    }
}
