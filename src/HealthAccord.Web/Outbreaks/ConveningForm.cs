using System.Globalization;
using HealthAccord.Web.Outbreaks.Board;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Outbreaks;

/// <summary>The convening form on an outbreak's page: the time as a datetime-local field read as UTC, and a note.</summary>
public sealed class ConveningForm
{
    public string? ConvenedAt { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }

    public const string TimeFormat = "yyyy-MM-ddTHH:mm";

    public static ConveningForm From(OutbreakDetail outbreak) => new()
    {
        ConvenedAt = outbreak.ConvenedAt?.ToString(TimeFormat, CultureInfo.InvariantCulture),
        Note = outbreak.ConveningNote,
        Version = outbreak.Version,
    };

    /// <summary>The API's input; a time that cannot be read is marked on its field and sent as missing.</summary>
    public ConveningInput ToInput(ModelStateDictionary modelState, string prefix)
    {
        DateTime? at = null;
        if (!string.IsNullOrWhiteSpace(ConvenedAt))
        {
            string[] formats = [TimeFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"];
            if (DateTime.TryParseExact(ConvenedAt.Trim(), formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                at = parsed;
            else modelState.AddModelError($"{prefix}.{nameof(ConvenedAt)}", "Use a date and time such as 2026-03-01T14:30 (UTC).");
        }
        return new ConveningInput(at, Note, Version);
    }
}
