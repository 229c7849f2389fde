using System.Text.RegularExpressions;
using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using static HealthAccord.Web.Shared.Persistence;

namespace HealthAccord.Web.Partnerships;

/// <summary>What an editor sends to create or replace a partnership.</summary>
public sealed partial record PartnershipInput(
    string? Slug,
    string? Acronym,
    string? Name,
    PartnershipKind? Kind,
    string? Summary,
    string? Mission,
    int? FoundedYear,
    string? Website,
    string? Secretariat,
    IReadOnlyList<string>? Themes,
    EuRole? EuRole,
    string? EuRoleNote,
    PartnershipStatus? Status,
    IReadOnlyList<SourceInput>? Sources)
{
    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public Validation Validate(int currentYear)
    {
        var v = new Validation()
            .Required("slug", Slug, Limits.Slug)
            .Required("acronym", Acronym, Limits.Acronym)
            .Required("name", Name, Limits.Name)
            .Required("summary", Summary, Limits.Text)
            .Length("mission", Mission, Limits.Text)
            .Url("website", Website)
            .Length("secretariat", Secretariat, Limits.Note)
            .Length("euRoleNote", EuRoleNote, Limits.Text)
            .Sources("sources", Sources);
        if (!string.IsNullOrWhiteSpace(Slug) && !SlugPattern().IsMatch(Slug))
            v.Add("slug", "Use lower-case letters, digits and single hyphens, e.g. glopid-r.");
        // /partnerships/new is the page for adding one, so a partnership at that address could never be opened.
        else if (Slug?.Trim() == "new")
            v.Add("slug", "The address 'new' belongs to the page for adding a partnership; choose another.");
        if (Kind is null) v.Add("kind", "This field is required.");
        if (EuRole is null) v.Add("euRole", "This field is required.");
        if (FoundedYear is { } year && (year < 1800 || year > currentYear)) v.Add("foundedYear", $"Give a year from 1800 to {currentYear}.");
        if (Themes is { } themes)
        {
            if (themes.Count > 20) v.Add("themes", "At most 20 themes are allowed.");
            for (var i = 0; i < themes.Count; i++) v.Required($"themes[{i}]", themes[i], 60);
        }
        return v;
    }

    public void ApplyTo(Partnership p)
    {
        p.Slug = Slug!.Trim();
        p.Acronym = Acronym!.Trim();
        p.Name = Name!.Trim();
        p.Kind = Kind!.Value;
        p.Summary = Summary!.Trim();
        p.Mission = Clean(Mission);
        p.FoundedYear = FoundedYear;
        p.Website = Clean(Website);
        p.Secretariat = Clean(Secretariat);
        p.Themes = (Themes ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        p.EuRole = EuRole!.Value;
        p.EuRoleNote = Clean(EuRoleNote);
        p.Status = Status ?? PartnershipStatus.Active;
        p.Sources = Sources!.Select(s => s.ToReference()).ToList();
    }
}
