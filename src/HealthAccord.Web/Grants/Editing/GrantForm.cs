using System.Globalization;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Grants.Editing;

/// <summary>
/// The edit page's fields, all as text so that whatever was typed is shown back with its message rather than
/// lost to model binding. Countries are one field of codes separated by commas or spaces.
/// </summary>
public sealed class GrantForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Currency { get; set; }
    public string? Amount { get; set; }
    public string? AwardDate { get; set; }
    public string? PlannedStart { get; set; }
    public string? PlannedEnd { get; set; }
    public string? Programme { get; set; }
    public string? Call { get; set; }
    public string? Topic { get; set; }
    public string? Countries { get; set; }
    public int Version { get; set; }

    /// <summary>The API's field names (what <see cref="GrantInput"/> validates) and this form's, for messages.</summary>
    public static string FieldFor(string inputField) => inputField switch
    {
        "amountAwarded" => nameof(Amount),
        _ when inputField.StartsWith("countries", StringComparison.Ordinal) => nameof(Countries),
        _ => char.ToUpperInvariant(inputField[0]) + inputField[1..],
    };

    public static GrantForm From(GrantInput input) => new()
    {
        Title = input.Title,
        Description = input.Description,
        Currency = input.Currency,
        Amount = input.AmountAwarded?.ToString("0.##", CultureInfo.InvariantCulture),
        AwardDate = input.AwardDate,
        PlannedStart = input.PlannedStart,
        PlannedEnd = input.PlannedEnd,
        Programme = input.Programme,
        Call = input.Call,
        Topic = input.Topic,
        Countries = string.Join(", ", input.Countries ?? []),
        Version = input.Version ?? 0,
    };

    /// <summary>The form as an API input; an amount that is not a number is reported on <paramref name="validation"/>.</summary>
    public GrantInput ToInput(Validation validation)
    {
        decimal? amount = null;
        var text = Persistence.Clean(Amount);
        if (text is not null)
        {
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) amount = parsed;
            else validation.Add("amountAwarded", $"'{text}' is not a number (e.g. 125000 or 125000.50).");
        }
        var countries = (Countries ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new GrantInput(Title, Description, Currency, amount, AwardDate, PlannedStart, PlannedEnd, Programme, Call, Topic,
            countries, Version);
    }

    /// <summary>Each field as a reader would compare two versions of the grant, in the form's order.</summary>
    public IReadOnlyList<(string Label, string? Value)> Fields() =>
    [
        ("Title", Title), ("Description", Description), ("Currency", Persistence.Clean(Currency)?.ToUpperInvariant()), ("Amount awarded", Amount),
        ("Award date", AwardDate), ("Planned start", PlannedStart), ("Planned end", PlannedEnd), ("Programme", Programme),
        ("Call", Call), ("Topic", Topic), ("Countries", Countries),
    ];
}
