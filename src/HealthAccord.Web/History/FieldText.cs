using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.History;

/// <summary>
/// A snapshot field's value in words: enum values as the pages name them, dates as the pages write them, ids as the
/// names of what they point to, and each entry of a list (a source, a party, a measurement) as one line.
/// </summary>
public static class FieldText
{
    /// <summary>The single value of a field, or null when it is empty.</summary>
    public static string? Value(RecordType type, string field, JsonNode? value, RecordLabels labels) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Text(type, field, (string)v!, labels),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Number(field, v, labels),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => (bool)v ? "yes" : "no",
        _ => value.ToJsonString(),
    };

    /// <summary>Each entry of a list field as one line of text.</summary>
    public static List<string> Entries(string field, JsonArray list, RecordLabels labels) =>
        list.Select(item => Entry(field, item, labels)).ToList();

    private static string? Text(RecordType type, string field, string value, RecordLabels labels)
    {
        if (value.Length == 0) return null;
        return field switch
        {
            "countryCode" => labels.Country(value),
            "joined" or "left" or "signed" or "enteredIntoForce" or "expires" or "deadline"
                or "awardDate" or "plannedStart" or "plannedEnd" or "eurRateDate" => DisplayText.Date(value),
            _ => EnumLabel(type, field, value) ?? value,
        };
    }

    private static string Number(string field, JsonValue value, RecordLabels labels) => field switch
    {
        "partnershipId" => labels.Partnership((int)value),
        "organisationId" => labels.Organisation((int)value),
        _ => ((decimal)value).ToString("0.####", CultureInfo.InvariantCulture),
    };

    private static string Entry(string field, JsonNode? item, RecordLabels labels)
    {
        if (item is not JsonObject entry)
        {
            return field == "partnershipIds" && item is JsonValue id ? labels.Partnership((int)id)
                : item?.ToString() ?? "";
        }
        string? Get(string name) => entry[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : entry[name]?.ToString();
        // A measurement's period as the source gives it, else its date, else that it is undated.
        string When() => Get("periodLabel") ?? (Get("measuredOn") is { } on ? DisplayText.Date(on) : "undated");
        return field switch
        {
            "sources" => $"{Get("title")} — {Get("url")}{(Get("asOf") is { } asOf ? $" (as of {asOf})" : "")}",
            "documents" => $"{Get("title")} — {Get("url")}{(Get("language") is { } language and not "en" ? $" [{DisplayText.Language(language)}]" : "")}",
            "parties" => Get("countryCode") is { } code && code != Get("name") ? $"{Get("name")} ({code})" : Get("name") ?? "",
            "measurements" => $"{When()}: {Get("valueText")} — {Get("sourceUrl")}{(Get("note") is { } note ? $" ({note})" : "")}",
            _ => string.Join(", ", entry.Select(p => $"{p.Key}: {p.Value}")),
        };
    }

    /// <summary>Enum fields in the words the record pages use; null for a field that is not one of them.</summary>
    private static string? EnumLabel(RecordType type, string field, string value) => (type, field) switch
    {
        (RecordType.Partnership, "kind") => Parse<PartnershipKind>(value) is { } kind ? DisplayText.Label(kind) : null,
        (RecordType.Partnership, "euRole") => Parse<EuRole>(value) is { } role ? DisplayText.Label(role) : null,
        (RecordType.Partnership, "status") => Parse<PartnershipStatus>(value) is { } status ? DisplayText.Label(status) : null,
        (RecordType.Organisation, "type") => Parse<OrganisationType>(value) is { } organisationType ? DisplayText.Label(organisationType) : null,
        (RecordType.Membership, "role") => Parse<MembershipRole>(value) is { } membershipRole ? DisplayText.Label(membershipRole) : null,
        (RecordType.Agreement, "kind") => Parse<AgreementKind>(value) is { } agreementKind ? DisplayText.Label(agreementKind) : null,
        (RecordType.Agreement, "status") => Parse<AgreementStatus>(value) is { } agreementStatus ? DisplayText.Label(agreementStatus) : null,
        (RecordType.Goal, "direction") => Parse<GoalDirection>(value) switch
        {
            GoalDirection.AtLeast => "At least the target",
            GoalDirection.AtMost => "At most the target",
            GoalDirection.Qualitative => "Qualitative",
            _ => null,
        },
        _ => null,
    };

    private static T? Parse<T>(string value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["euRole"] = "EU role",
        ["euRoleNote"] = "EU role note",
        ["rorId"] = "ROR id",
        ["countryCode"] = "Country",
        ["partnershipId"] = "Partnership",
        ["organisationId"] = "Organisation",
        ["partnershipIds"] = "Linked partnerships",
        ["isHeadline"] = "Headline goal",
        ["enteredIntoForce"] = "Entered into force",
        ["needsReview"] = "Needs review",
        ["foundedYear"] = "Founded",
        ["amountEur"] = "Amount in euros",
        ["eurRate"] = "Euro rate",
        ["eurRateDate"] = "Euro rate date",
    };

    /// <summary>A field's name for people: "euRoleNote" → "EU role note", "renewalNote" → "Renewal note".</summary>
    public static string Name(string field)
    {
        if (Names.TryGetValue(field, out var name)) return name;
        var words = string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The name inside a sentence: "name", "renewal note", but "EU role" and "ROR id" keep their capitals.</summary>
    public static string NameInSentence(string field)
    {
        var name = Name(field);
        return name.Length > 1 && char.IsUpper(name[1]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
