using System.Globalization;
using HealthAccord.Data;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Editing;

/// <summary>
/// What an editor sends to replace a grant's own fields. Funders, recipients and the import source are not part of
/// it: they come from the publisher's file. The euro amount, pathogen tags and partnership links are not either:
/// they are worked out from these fields as an import works them out. Dates are ISO 8601 (yyyy-MM-dd).
/// </summary>
public sealed record GrantInput(
    string? Title,
    string? Description,
    string? Currency,
    decimal? AmountAwarded,
    string? AwardDate,
    string? PlannedStart,
    string? PlannedEnd,
    string? Programme,
    string? Call,
    string? Topic,
    IReadOnlyList<string>? Countries,
    int? Version)
{
    public const int MaxDescriptionLength = 20_000;

    /// <summary>
    /// Far above any real award, and low enough that the amount and its euro value (up to about three times larger
    /// for the strongest currencies) fit the database's 14 integer digits.
    /// </summary>
    public const decimal MaxAmount = 10_000_000_000_000m;

    /// <summary>
    /// The same checks an import makes of a row (a known currency, an amount of zero or more, real dates, known
    /// countries), plus one an import only warns about: a hand edit may not end the planned period before it starts.
    /// </summary>
    public async Task<(Validation Validation, GrantValues? Values)> ValidateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var v = new Validation()
            .Required("title", Title, GrantDraft.MaxTitleLength)
            .Length("description", Description, MaxDescriptionLength)
            .Length("programme", Programme, Limits.Title)
            .Length("call", Call, Limits.Title)
            .Length("topic", Topic, Limits.Title);

        var currency = Persistence.Clean(Currency)?.ToUpperInvariant();
        if (currency is null) v.Add("currency", "This field is required.");
        else if (!ReferenceCodes.IsCurrency(currency)) v.Add("currency", $"'{Currency}' is not an ISO 4217 currency code in current use (e.g. EUR, GBP, USD).");

        if (AmountAwarded is null) v.Add("amountAwarded", "This field is required.");
        else if (AmountAwarded < 0) v.Add("amountAwarded", "An amount awarded must be zero or more.");
        else if (AmountAwarded >= MaxAmount) v.Add("amountAwarded", "The amount is too large to be a grant.");

        var awarded = Date(v, "awardDate", AwardDate, required: true);
        var start = Date(v, "plannedStart", PlannedStart, required: false);
        var end = Date(v, "plannedEnd", PlannedEnd, required: false);
        if (start is { } s && end is { } e && e < s)
            v.Add("plannedEnd", $"The planned end must not be before the planned start ({s.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");

        var countries = new List<string>();
        if (Countries is { Count: > 300 }) v.Add("countries", "At most 300 countries are allowed.");
        else
        {
            var known = await db.Countries.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
            for (var i = 0; i < (Countries?.Count ?? 0); i++)
            {
                var code = Persistence.NormaliseCountry(Countries![i]);
                if (code is null) continue;
                if (!known.Contains(code)) v.Add($"countries[{i}]", $"'{Countries[i]}' is not an ISO 3166-1 alpha-2 country code.");
                else if (!countries.Contains(code)) countries.Add(code);
            }
        }

        if (!v.IsValid) return (v, null);
        return (v, new GrantValues(Title!.Trim(), Persistence.Clean(Description), currency!, AmountAwarded!.Value, awarded!.Value, start, end,
            Persistence.Clean(Programme), Persistence.Clean(Call), Persistence.Clean(Topic), countries));
    }

    private static DateOnly? Date(Validation v, string field, string? text, bool required)
    {
        var value = Persistence.Clean(text);
        if (value is null)
        {
            if (required) v.Add(field, "This field is required.");
            return null;
        }
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        v.Add(field, $"'{value}' is not a date of the form yyyy-MM-dd (e.g. 2024-03-31).");
        return null;
    }

    /// <summary>The grant as it stands, as an input: what the edit form starts from.</summary>
    public static GrantInput From(GrantDetail g) => new(g.Title, g.Description, g.Currency, g.AmountAwarded, Iso(g.AwardDate),
        g.PlannedStart is { } s ? Iso(s) : null, g.PlannedEnd is { } e ? Iso(e) : null, g.Programme, g.Call, g.Topic,
        g.Countries.Select(c => c.Code).ToList(), g.Version);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A <see cref="GrantInput"/> that passed its checks, cleaned and parsed.</summary>
public sealed record GrantValues(
    string Title,
    string? Description,
    string Currency,
    decimal AmountAwarded,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    string? Programme,
    string? Call,
    string? Topic,
    IReadOnlyList<string> Countries);
