using System.Globalization;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Partnerships;

/// <summary>A partnership's fields side by side, as the writer would have saved them and as they are stored.</summary>
public static class PartnershipConflict
{
    public static IReadOnlyList<ConflictRow> Rows(PartnershipInput yours, Partnership stored)
    {
        // Applied to a blank record, the input reads exactly as saving it would have stored it (trimmed, themes lower-cased).
        var mine = new Partnership { Slug = "", Acronym = "", Name = "", Summary = "" };
        yours.ApplyTo(mine);
        return
        [
            new("Name", mine.Name, stored.Name),
            new("Acronym", mine.Acronym, stored.Acronym),
            new("Address name (slug)", mine.Slug, stored.Slug),
            new("Kind", DisplayText.Label(mine.Kind), DisplayText.Label(stored.Kind)),
            new("Summary", mine.Summary, stored.Summary),
            new("Mission", mine.Mission ?? "", stored.Mission ?? ""),
            new("Founded", Year(mine.FoundedYear), Year(stored.FoundedYear)),
            new("Website", mine.Website ?? "", stored.Website ?? ""),
            new("Secretariat", mine.Secretariat ?? "", stored.Secretariat ?? ""),
            new("Themes", string.Join(", ", mine.Themes), string.Join(", ", stored.Themes)),
            new("The EU's role", DisplayText.Label(mine.EuRole), DisplayText.Label(stored.EuRole)),
            new("What the EU gives or does", mine.EuRoleNote ?? "", stored.EuRoleNote ?? ""),
            new("Status", DisplayText.Label(mine.Status), DisplayText.Label(stored.Status)),
            new("Sources", Sources(mine), Sources(stored)),
        ];
    }

    private static string Year(int? year) => year?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Sources(Partnership p) =>
        SourceRows.Describe(p.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)));
}
