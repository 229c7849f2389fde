using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Organisations;

/// <summary>The organisation edit form's fields as the browser posts them, turned into the API's <see cref="OrganisationInput"/>.</summary>
public sealed class OrganisationForm
{
    public string? Name { get; set; }
    public string? Acronym { get; set; }
    public OrganisationType? Type { get; set; }
    public string? CountryCode { get; set; }
    public string? RorId { get; set; }
    public string? Website { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

    /// <summary>The version of the record the form was filled from.</summary>
    public int Version { get; set; }

    public static OrganisationForm From(Organisation o) => new()
    {
        Name = o.Name,
        Acronym = o.Acronym,
        Type = o.Type,
        CountryCode = o.CountryCode,
        RorId = o.RorId,
        Website = o.Website,
        Sources = SourceRows.From(o.Sources),
        Version = o.Version,
    };

    public OrganisationInput ToInput() =>
        new(Name, Acronym, Type, CountryCode, RorId, Website, SourceRows.ToInput(Sources).Sources);

    /// <summary>Puts the shared rules' messages (named as in the API) next to the form's fields.</summary>
    public void AddErrors(ModelStateDictionary modelState, string prefix, Validation validation)
    {
        var rows = SourceRows.ToInput(Sources).Rows;
        modelState.AddErrors(prefix, validation, field => SourceRows.FieldOf(field, "sources", nameof(Sources), rows));
    }

    /// <summary>Both versions field by field, the writer's as saving it would have stored it.</summary>
    public static IReadOnlyList<ConflictRow> Compare(OrganisationInput yours, Organisation stored)
    {
        var mine = new Organisation { Name = "" };
        yours.ApplyTo(mine);
        return
        [
            new("Name", mine.Name, stored.Name),
            new("Acronym", mine.Acronym ?? "", stored.Acronym ?? ""),
            new("Type", DisplayText.Label(mine.Type), DisplayText.Label(stored.Type)),
            new("Country", mine.CountryCode ?? "", stored.CountryCode ?? ""),
            new("ROR id", mine.RorId ?? "", stored.RorId ?? ""),
            new("Website", mine.Website ?? "", stored.Website ?? ""),
            new("Sources", SourceRows.Describe(mine.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf))),
                SourceRows.Describe(stored.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)))),
        ];
    }
}
