using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;

namespace HealthAccord.Web.Shared;

/// <summary>Collects field errors, keyed by the JSON property name the client sent.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Dictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Validation Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "This field is required.");
        else Length(field, value, maxLength);
        return this;
    }

    public Validation Length(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"At most {maxLength} characters are allowed; {value.Length} were given.");
        return this;
    }

    public Validation Url(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return this;
        Length(field, value, HealthAccord.Data.Limits.Url);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            Add(field, "Enter an absolute http or https address.");
        return this;
    }

    public Validation Ror(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && !RorId.TryNormalise(value, out _))
            Add(field, "Not a valid ROR id: expected 9 characters such as 031jv9v19 (or https://ror.org/031jv9v19) with a correct checksum.");
        return this;
    }

    public Validation PartialDate(string field, string? value, out PartialDate? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value)) return this;
        if (HealthAccord.Data.Common.PartialDate.TryParse(value, out var date)) parsed = date;
        else Add(field, "Use a date of the form YYYY, YYYY-MM or YYYY-MM-DD.");
        return this;
    }

    /// <summary>Rejects an end before its start; partial dates compare by the earliest day they can mean.</summary>
    public Validation Order(string laterField, PartialDate? earlier, PartialDate? later, string earlierLabel)
    {
        if (earlier is { } a && later is { } b && b.Latest < a.Earliest)
            Add(laterField, $"Must not be before {earlierLabel} ({a}).");
        return this;
    }

    public Validation Sources(string field, IReadOnlyList<SourceInput>? sources, bool required = true)
    {
        if (sources is null || sources.Count == 0)
        {
            if (required) Add(field, "Give at least one source (url and title) for this record.");
            return this;
        }
        if (sources.Count > 50) Add(field, "At most 50 sources are allowed.");
        for (var i = 0; i < sources.Count; i++)
        {
            var s = sources[i];
            if (s is null)
            {
                Add($"{field}[{i}]", "Each source is an object with url and title.");
                continue;
            }
            if (string.IsNullOrWhiteSpace(s.Url)) Add($"{field}[{i}].url", "This field is required.");
            else Url($"{field}[{i}].url", s.Url);
            Required($"{field}[{i}].title", s.Title, HealthAccord.Data.Limits.Name);
            Length($"{field}[{i}].asOf", s.AsOf, 100);
        }
        return this;
    }
}

/// <summary>A source as clients send it.</summary>
public sealed record SourceInput(string? Url, string? Title, string? AsOf)
{
    public SourceReference ToReference() => new() { Url = Url!.Trim(), Title = Title!.Trim(), AsOf = string.IsNullOrWhiteSpace(AsOf) ? null : AsOf.Trim() };
}

/// <summary>A source as the API returns it.</summary>
public sealed record SourceDto(string Url, string Title, string? AsOf)
{
    public static SourceDto From(SourceReference s) => new(s.Url, s.Title, s.AsOf);
}
