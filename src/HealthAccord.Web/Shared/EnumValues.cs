using System.Text.Json;

namespace HealthAccord.Web.Shared;

/// <summary>Query-string enum values, accepted in the API's camelCase spelling or any letter case.</summary>
public static class EnumValues
{
    public static string Spell<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string AllowedList<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Spell));

    public static T? Parse<T>(Validation validation, string field, string? text) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        // Exact names only: Enum.TryParse would also accept numbers and read "a,b" as combined flags.
        var trimmed = text.Trim();
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), trimmed, StringComparison.OrdinalIgnoreCase)) return value;
        }
        validation.Add(field, $"'{text}' is not one of: {AllowedList<T>()}.");
        return null;
    }
}
