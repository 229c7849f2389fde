using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HealthAccord.Web.History;

/// <summary>
/// /history: the audit log — every change to the registry, newest first, filtered like <c>GET /api/v1/history</c>
/// through a GET form whose address can be bookmarked.
/// </summary>
[Authorize(Policy = HistoryPolicies.AuditLog)]
public sealed class IndexModel(HealthAccordDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public string? RecordType { get; set; }
    [BindProperty(SupportsGet = true)] public string? RecordId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public IReadOnlyList<ChangeSetDto> Results { get; private set; } = [];
    public int Total { get; private set; }
    public Pager Pager { get; private set; } = null!;
    public SelectField RecordTypeField { get; private set; } = null!;
    public SelectField SourceField { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public bool IsFiltered { get; private set; }
    public DownloadLinks Download { get; private set; } = null!;

    public string ResultsHeading => (Total, IsFiltered) switch
    {
        (0, _) => "No matching changes",
        (1, true) => "1 change matches",
        (_, true) => $"{DisplayText.Number(Total)} changes match",
        (1, false) => "1 change",
        _ => $"{DisplayText.Number(Total)} changes",
    };

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The record id arrives as text so that a typo is reported next to its field rather than failing the page.
        var validation = new Validation();
        int? recordId = null;
        if (!string.IsNullOrWhiteSpace(RecordId))
        {
            if (int.TryParse(RecordId.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) recordId = id;
            else validation.Add("recordId", "Record ids are whole numbers from 1.");
        }
        var input = new HistoryFilterInput(RecordType, recordId, Actor, Source, From, To);
        var filter = input.Parse(validation);
        // A filter the page cannot use is reported next to its field and left out of the search (Parse leaves it out), never a failure.
        Errors = validation.Errors;
        var type = EnumValues.Parse<RecordType>(new Validation(), "recordType", RecordType);
        var source = EnumValues.Parse<ChangeSource>(new Validation(), "source", Source);

        RecordTypeField = new SelectField("recordType", "Record type", "Any type",
            Enum.GetValues<RecordType>().Select(t => new SelectListItem(ChangeSummaries.Noun(t), EnumValues.Spell(t), t == type)).ToList(),
            ErrorOf("recordType"));
        SourceField = new SelectField("source", "Made through", "Anywhere",
            Enum.GetValues<ChangeSource>().Select(s => new SelectListItem(TimelineModel.SourceLabel(s), EnumValues.Spell(s), s == source)).ToList(),
            ErrorOf("source"));
        IsFiltered = new[] { RecordType, RecordId, Actor, Source, From, To }.Any(v => !string.IsNullOrWhiteSpace(v));

        var pageNumber = Pager.ReadPageNumber(Request);
        (Results, Total) = await HistoryQueries.ListAsync(db, filter, pageNumber, PageSize, ct);
        Pager = Pager.For(Request, pageNumber, PageSize, Total);
        Download = DownloadLinks.For("/api/v1/history", ("recordType", type is { } t ? EnumValues.Spell(t) : null),
            ("recordId", type is not null ? recordId?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null), ("actor", filter.Actor),
            ("source", source is { } s ? EnumValues.Spell(s) : null), ("from", filter.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("to", filter.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
