using System.Globalization;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>
/// The declaration form as the browser posts it: countries as codes in one text box, the trigger as a date and time
/// read as UTC, the partnerships as ticked boxes.
/// </summary>
public sealed class DeclarationForm
{
    public const string TriggerFormat = "yyyy-MM-ddTHH:mm";

    public string? Title { get; set; }
    public string? PathogenCode { get; set; }
    public string? PathogenNote { get; set; }
    public string? Countries { get; set; }
    public string? TriggeredAt { get; set; }
    public WhoGrading? WhoGrading { get; set; }
    public bool IsPheic { get; set; }
    public string? Summary { get; set; }
    public List<string> Partnerships { get; set; } = [];
    public string? QuorumShare { get; set; }
    public List<SourceRow> Sources { get; set; } = [];

    public static DeclarationForm Blank(decimal defaultQuorum) => new()
    {
        Partnerships = [DeclarationInput.DefaultPartnership],
        QuorumShare = defaultQuorum.ToString(CultureInfo.InvariantCulture),
        Sources = SourceRows.Blank(),
    };

    /// <summary>The API's input; a trigger time or quorum the form cannot read is reported next to its field.</summary>
    public DeclarationInput ToInput(ModelStateDictionary modelState, string prefix, out List<int> sourceRows)
    {
        DateTimeOffset? trigger = null;
        if (!string.IsNullOrWhiteSpace(TriggeredAt))
        {
            if (DateTime.TryParseExact(TriggeredAt.Trim(), [TriggerFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                trigger = new DateTimeOffset(parsed, TimeSpan.Zero);
            else modelState.AddModelError($"{prefix}.{nameof(TriggeredAt)}", "Give the date and time in UTC as YYYY-MM-DDTHH:MM, e.g. 2024-09-27T14:30.");
        }
        decimal? quorum = null;
        if (!string.IsNullOrWhiteSpace(QuorumShare))
        {
            if (decimal.TryParse(QuorumShare.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var share)) quorum = share;
            else modelState.AddModelError($"{prefix}.{nameof(QuorumShare)}", "Give the quorum as a decimal number such as 0.5.");
        }
        var (sources, rows) = SourceRows.ToInput(Sources);
        sourceRows = rows;
        if (Partnerships.Count == 0)
            modelState.AddModelError($"{prefix}.{nameof(Partnerships)}", "Tick at least one partnership whose funders are to be alerted.");
        var countries = (Countries ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return new DeclarationInput(Title, PathogenCode, PathogenNote, countries, trigger, WhoGrading, IsPheic, Summary,
            Partnerships, quorum, sources);
    }

    /// <summary>The form field of an API field name, so each message shows next to the box it is about.</summary>
    public static string? FieldOf(string field, IReadOnlyList<int> sourceRows)
    {
        if (SourceRows.FieldOf(field, "sources", nameof(Sources), sourceRows) is { } source) return source;
        if (field.StartsWith("countries", StringComparison.Ordinal)) return nameof(Countries);
        if (field.StartsWith("partnerships", StringComparison.Ordinal)) return nameof(Partnerships);
        return null;
    }
}
