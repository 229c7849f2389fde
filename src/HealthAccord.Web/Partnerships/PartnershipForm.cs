using System.Globalization;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Partnerships;

/// <summary>
/// The partnership edit form's fields as the browser posts them. It is turned into the API's
/// <see cref="PartnershipInput"/> and checked by the same rules; only what a form cannot post typed (a year, a
/// list of themes) is read here first.
/// </summary>
public sealed class PartnershipForm
{
    public string? Slug { get; set; }
    public string? Acronym { get; set; }
    public string? Name { get; set; }
    public PartnershipKind? Kind { get; set; }
    public string? Summary { get; set; }
    public string? Mission { get; set; }
    public string? FoundedYear { get; set; }
    public string? Website { get; set; }
    public string? Secretariat { get; set; }

    /// <summary>Separated by commas or new lines.</summary>
    public string? Themes { get; set; }

    public EuRole? EuRole { get; set; }
    public string? EuRoleNote { get; set; }
    public PartnershipStatus? Status { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

    /// <summary>The version of the record the form was filled from; saving over a later one is a conflict.</summary>
    public int Version { get; set; }

    public static PartnershipForm From(Partnership p) => new()
    {
        Slug = p.Slug,
        Acronym = p.Acronym,
        Name = p.Name,
        Kind = p.Kind,
        Summary = p.Summary,
        Mission = p.Mission,
        FoundedYear = p.FoundedYear?.ToString(CultureInfo.InvariantCulture),
        Website = p.Website,
        Secretariat = p.Secretariat,
        Themes = string.Join(", ", p.Themes),
        EuRole = p.EuRole,
        EuRoleNote = p.EuRoleNote,
        Status = p.Status,
        Sources = SourceRows.From(p.Sources),
        Version = p.Version,
    };

    /// <summary>
    /// The input the API would receive. A year that is not a number cannot be sent on; it is left out and the
    /// reason put next to its field, so the page shows it together with the shared rules' messages.
    /// </summary>
    public PartnershipInput ToInput(ModelStateDictionary modelState, string prefix)
    {
        int? year = null;
        if (!string.IsNullOrWhiteSpace(FoundedYear))
        {
            if (int.TryParse(FoundedYear.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) year = parsed;
            else modelState.AddModelError($"{prefix}.{nameof(FoundedYear)}", "Give the year in digits, e.g. 2015.");
        }
        return new PartnershipInput(Slug, Acronym, Name, Kind, Summary, Mission, year, Website, Secretariat, ThemeList(Themes),
            EuRole, EuRoleNote, Status, SourceRows.ToInput(Sources).Sources);
    }

    /// <summary>Puts the shared rules' messages (named as in the API) next to the form's fields.</summary>
    public void AddErrors(ModelStateDictionary modelState, string prefix, Validation validation)
    {
        var rows = SourceRows.ToInput(Sources).Rows;
        modelState.AddErrors(prefix, validation, field => FieldOf(field, rows));
    }

    private static string? FieldOf(string field, IReadOnlyList<int> sourceRows) =>
        field.StartsWith("themes", StringComparison.Ordinal) ? nameof(Themes)
        : SourceRows.FieldOf(field, "sources", nameof(Sources), sourceRows);

    public static List<string> ThemeList(string? text) =>
        [.. (text ?? "").Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
