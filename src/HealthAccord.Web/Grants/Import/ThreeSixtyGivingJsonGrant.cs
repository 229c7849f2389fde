using System.Text.Json;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Reads one 360Giving grant object into a <see cref="GrantDraft"/>. It walks the parsed element by hand instead
/// of deserialising into a class, so a field of the wrong JSON type becomes a report line naming that field rather
/// than an exception that loses the rest of the grant. Property names are matched case-sensitively as the schema
/// spells them: some publishers add an "ID" beside "id".
/// </summary>
internal static class ThreeSixtyGivingJsonGrant
{
    public static readonly GrantFieldNames Names = new("id", "title", "currency", "amountAwarded", "awardDate",
        "fundingOrganization", "recipientOrganization");

    public static void Read(JsonElement grant, GrantDraft draft)
    {
        foreach (var property in grant.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8)) draft.SetIdentifier(Text(value, "id", draft));
            else if (property.NameEquals("title"u8)) draft.SetTitle(Text(value, "title", draft));
            else if (property.NameEquals("description"u8)) draft.SetDescription(Text(value, "description", draft));
            else if (property.NameEquals("currency"u8)) draft.SetCurrency(Text(value, "currency", draft));
            else if (property.NameEquals("amountAwarded"u8)) ReadAmount(value, draft);
            else if (property.NameEquals("awardDate"u8)) draft.SetAwardDate(Text(value, "awardDate", draft));
            else if (property.NameEquals("plannedDates"u8)) ReadPlannedDates(value, draft);
            else if (property.NameEquals("fundingOrganization"u8)) ReadOrganisations(value, "fundingOrganization", draft, funders: true);
            else if (property.NameEquals("recipientOrganization"u8)) ReadOrganisations(value, "recipientOrganization", draft, funders: false);
            else if (property.NameEquals("beneficiaryLocation"u8)) ReadLocations(value, draft);
            else if (property.NameEquals("grantProgramme"u8)) ReadProgrammes(value, draft);
            else if (property.NameEquals("classifications"u8)) ReadClassifications(value, draft);
        }
    }

    private static void ReadAmount(JsonElement value, GrantDraft draft)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out var amount):
                draft.SetAmount(amount, value.GetRawText());
                break;
            case JsonValueKind.Number:
                draft.Error("amountAwarded", value.GetRawText(), "is a number too large to hold as an amount");
                break;
            case JsonValueKind.String:
                // The schema says number; a string is accepted by some tools and not by others, so it is reported
                // rather than guessed at (a string may hold "£1,000" or "1.000,00").
                draft.Error("amountAwarded", value.GetString(), "is a string; 360Giving JSON needs a number (1000, not \"1000\")");
                break;
            case JsonValueKind.Null:
                break;
            default:
                draft.Error("amountAwarded", value.GetRawText(), $"must be a number, not {Describe(value.ValueKind)}");
                break;
        }
    }

    private static void ReadPlannedDates(JsonElement value, GrantDraft draft)
    {
        // One planned period per grant is what the registry keeps; later entries (rare) are not read.
        if (!IsArrayOfObjects(value, "plannedDates", draft) || value.GetArrayLength() == 0) return;
        var period = value[0];
        draft.SetPlannedStart("plannedDates[0].startDate", Text(Property(period, "startDate"), "plannedDates[0].startDate", draft));
        draft.SetPlannedEnd("plannedDates[0].endDate", Text(Property(period, "endDate"), "plannedDates[0].endDate", draft));
    }

    private static void ReadOrganisations(JsonElement value, string field, GrantDraft draft, bool funders)
    {
        if (!IsArrayOfObjects(value, field, draft)) return;
        var index = 0;
        foreach (var organisation in value.EnumerateArray())
        {
            var prefix = $"{field}[{index}]";
            var id = Text(Property(organisation, "id"), prefix + ".id", draft);
            var name = Text(Property(organisation, "name"), prefix + ".name", draft);
            // addressCountry is free text ("UK", "England", "ISRAEL", "Commonwealth"): what can be read as a
            // country is kept, the rest ignored, since it is part of an address, not a code list value. A funder's is
            // kept too, for a funder the registry does not know yet.
            var country = ReferenceCodes.CountryFromText(Text(Property(organisation, "addressCountry"), prefix + ".addressCountry", draft));
            if (funders)
            {
                draft.AddFunder(prefix + ".id", id, prefix + ".name", name, countryCode: country);
            }
            else
            {
                // 360Giving has no roles; the first recipient is taken as the lead, as the standard's single-recipient
                // grants make it in practice.
                draft.AddRecipient(prefix + ".id", id, prefix + ".name", name, country, index == 0 ? OrganisationRole.Lead : OrganisationRole.Participant);
            }
            index++;
        }
    }

    private static void ReadLocations(JsonElement value, GrantDraft draft)
    {
        if (!IsArrayOfObjects(value, "beneficiaryLocation", draft)) return;
        var index = 0;
        foreach (var location in value.EnumerateArray())
        {
            var field = $"beneficiaryLocation[{index++}].countryCode";
            draft.AddBeneficiaryCountry(field, Text(Property(location, "countryCode"), field, draft));
        }
    }

    private static void ReadProgrammes(JsonElement value, GrantDraft draft)
    {
        if (!IsArrayOfObjects(value, "grantProgramme", draft)) return;
        var index = 0;
        foreach (var programme in value.EnumerateArray())
        {
            var prefix = $"grantProgramme[{index++}]";
            draft.AddProgramme(Text(Property(programme, "title"), prefix + ".title", draft) ?? Text(Property(programme, "code"), prefix + ".code", draft));
        }
    }

    private static void ReadClassifications(JsonElement value, GrantDraft draft)
    {
        if (!IsArrayOfObjects(value, "classifications", draft)) return;
        var index = 0;
        foreach (var classification in value.EnumerateArray())
        {
            var prefix = $"classifications[{index++}]";
            draft.AddClassification(
                Text(Property(classification, "vocabulary"), prefix + ".vocabulary", draft),
                Text(Property(classification, "code"), prefix + ".code", draft),
                Text(Property(classification, "title"), prefix + ".title", draft));
        }
    }

    private static bool IsArrayOfObjects(JsonElement value, string field, GrantDraft draft)
    {
        if (value.ValueKind == JsonValueKind.Null) return false;
        if (value.ValueKind != JsonValueKind.Array)
        {
            draft.Error(field, value.GetRawText(), $"must be an array of objects, not {Describe(value.ValueKind)}");
            return false;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                draft.Error($"{field}[{index}]", item.GetRawText(), $"must be an object, not {Describe(item.ValueKind)}");
                return false;
            }
            index++;
        }
        return true;
    }

    private static JsonElement Property(JsonElement obj, string name) => obj.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A string value; null when absent or null; a report line when it is another JSON type.</summary>
    private static string? Text(JsonElement value, string field, GrantDraft draft)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            default:
                draft.Error(field, value.GetRawText(), $"must be a string, not {Describe(value.ValueKind)}");
                return null;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
