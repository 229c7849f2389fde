using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// One grant as one row of a table, for the CSV and XLSX exports: every field the registry holds, with lists
/// joined by "; " so a spreadsheet reader sees them in one cell. The CSV header is these property names, in this order.
/// </summary>
public sealed record GrantTableRow(
    long Id,
    string Identifier,
    string Title,
    string? Description,
    decimal AmountAwarded,
    string Currency,
    decimal? AmountEur,
    decimal? EurRate,
    DateOnly? EurRateDate,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    string? Programme,
    string? Call,
    string? Topic,
    string Funders,
    string? LeadRecipient,
    string OtherRecipients,
    string Countries,
    string Pathogens,
    string HrcsCategories,
    string Partnerships,
    string SourceDataset,
    int SourceRow,
    DateTime UpdatedAt,
    string Url)
{
    public const string Separator = "; ";

    public static GrantTableRow From(FullGrantRow g, GrantExportContext context)
    {
        var lead = g.Participants.FirstOrDefault(p => p.Role == ParticipantRole.Lead);
        return new GrantTableRow(
            g.Id, g.Identifier, g.Title, g.Description, g.AmountAwarded, g.Currency, g.AmountEur, g.EurRate, g.EurRateDate,
            g.AwardDate, g.PlannedStart, g.PlannedEnd, g.Programme, g.Call, g.Topic,
            Join(g.Funders.Select(f => f.Name)),
            lead?.Name,
            Join(g.Participants.Where(p => p.Role == ParticipantRole.Participant).Select(p => p.Name)),
            Join(g.Countries),
            Join(g.Pathogens.Select(p => p.Pathogen)),
            Join(g.Categories.Select(c => $"{c} {context.Names.HrcsLabel(c)}")),
            Join(g.Partnerships.Select(p => p.Acronym)),
            g.SourceDataset, g.SourceRow, g.UpdatedAt, context.SiteRoot + g.Url);
    }

    private static string Join(IEnumerable<string> values) => string.Join(Separator, values);
}
