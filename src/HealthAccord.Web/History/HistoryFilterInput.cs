using System.Globalization;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.History;

/// <summary>
/// The history filters as the API's query string and the audit log's GET form both send them, checked the same way:
/// each value that cannot be used is reported under its own name.
/// </summary>
public sealed record HistoryFilterInput(string? RecordType, int? RecordId, string? Actor, string? Source, string? From, string? To)
{
    public HistoryFilter Parse(Validation validation)
    {
        var type = EnumValues.Parse<RecordType>(validation, "recordType", RecordType);
        var source = EnumValues.Parse<ChangeSource>(validation, "source", Source);
        if (RecordId is < 1) validation.Add("recordId", "Record ids are whole numbers from 1.");
        else if (RecordId is not null && type is null && string.IsNullOrWhiteSpace(RecordType))
            validation.Add("recordId", "Give the record type (recordType) too: ids are counted per type.");
        var from = Date(validation, "from", From);
        var to = Date(validation, "to", To);
        if (from is not null && to is not null && to < from) validation.Add("to", "The end date is before the start date.");
        return new HistoryFilter(
            type is { } t ? HistoryFilter.Record(t, RecordId is >= 1 ? RecordId : null) : null,
            string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(),
            source, from, to);
    }

    private static DateOnly? Date(Validation validation, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        validation.Add(field, "Use a date of the form YYYY-MM-DD.");
        return null;
    }
}
