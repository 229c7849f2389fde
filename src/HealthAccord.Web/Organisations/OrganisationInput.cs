using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static HealthAccord.Web.Shared.Persistence;

namespace HealthAccord.Web.Organisations;

/// <summary>What an editor sends to create or replace an organisation.</summary>
public sealed record OrganisationInput(
    string? Name,
    string? Acronym,
    OrganisationType? Type,
    string? CountryCode,
    string? RorId,
    string? Website,
    IReadOnlyList<SourceInput>? Sources)
{
    public async Task<Validation> ValidateAsync(HealthAccordDbContext db, int? existingId, CancellationToken ct)
    {
        var v = new Validation()
            .Required("name", Name, Limits.Name)
            .Length("acronym", Acronym, Limits.Acronym)
            .Ror("rorId", RorId)
            .Url("website", Website)
            .Sources("sources", Sources);
        if (Type is null) v.Add("type", "This field is required.");
        await v.CheckCountryAsync(db, "countryCode", CountryCode, ct);
        if (HealthAccord.Data.Registry.RorId.TryNormalise(RorId, out var ror)
            && await db.Organisations.AnyAsync(o => o.RorId == ror && o.Id != existingId, ct))
            v.Add("rorId", $"Another organisation already has the ROR id {ror}.");
        return v;
    }

    public void ApplyTo(Organisation o)
    {
        o.Name = Name!.Trim();
        o.Acronym = Clean(Acronym);
        o.Type = Type!.Value;
        o.CountryCode = NormaliseCountry(CountryCode);
        o.RorId = HealthAccord.Data.Registry.RorId.TryNormalise(RorId, out var ror) ? ror : null;
        o.Website = Clean(Website);
        o.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}
