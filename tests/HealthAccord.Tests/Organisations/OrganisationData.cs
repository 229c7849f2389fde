using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Organisations;

/// <summary>Organisations that tests create for themselves, each with a name (and ROR id) no other test uses.</summary>
public static class OrganisationData
{
    private const string RorAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string UniqueName() => "Test organisation " + Guid.NewGuid().ToString("N");

    /// <summary>
    /// A ROR id that passes the checksum but belongs to no seeded organisation: a leading 0, six random Crockford
    /// base-32 characters and the ISO/IEC 7064 MOD 97-10 check digits, computed here independently of the app.
    /// </summary>
    public static string UniqueRorId()
    {
        var body = "0" + string.Concat(Enumerable.Range(0, 6).Select(_ => RorAlphabet[Random.Shared.Next(RorAlphabet.Length)]));
        return body + CheckDigits(body);
    }

    public static string CheckDigits(string body)
    {
        long value = 0;
        foreach (var c in body) value = value * 32 + RorAlphabet.IndexOf(c, StringComparison.Ordinal);
        return (98 - value * 100 % 97).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A complete, valid request body; tests change one field to make it invalid.</summary>
    public static JsonObject ValidInput(string name, string? rorId = null) => new()
    {
        ["name"] = name,
        ["acronym"] = "TORG",
        ["type"] = "funder",
        ["countryCode"] = "NO",
        ["rorId"] = rorId,
        ["website"] = "https://example.org/organisation",
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/source", ["title"] = "Example source" }),
    };

    public static async Task<JsonObject> CreateAsync(HttpClient writer, JsonObject? input = null) =>
        await writer.CreateAsync("/api/v1/organisations", input ?? ValidInput(UniqueName()));

    public static string Url(JsonObject organisation) => $"/api/v1/organisations/{(int)organisation["id"]!}";

    /// <summary>How many organisations a reader finds with this search text.</summary>
    public static async Task<int> CountMatchingAsync(HttpClient reader, string q) =>
        (int)(await reader.GetJsonAsync("/api/v1/organisations?q=" + Uri.EscapeDataString(q)))["total"]!;
}
