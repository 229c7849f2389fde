using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Organisations;
using HealthAccord.Tests.Partnerships;

namespace HealthAccord.Tests.History;

/// <summary>
/// Records a test creates for itself through the API: a partnership with a membership held by a new organisation,
/// a goal with one measurement, and an agreement linked to the partnership.
/// </summary>
public sealed record HistoryWorld(string Slug, int PartnershipId, int OrganisationId, int MembershipId, int GoalId, int MeasurementId, int AgreementId)
{
    public static readonly JsonArray Sources = [new JsonObject { ["url"] = "https://example.org/source", ["title"] = "Example source" }];

    public static async Task<HistoryWorld> CreateAsync(HttpClient writer)
    {
        var slug = PartnershipData.UniqueSlug();
        var partnership = await PartnershipData.CreateAsync(writer, PartnershipData.ValidInput(slug));
        var organisation = await OrganisationData.CreateAsync(writer);
        var membership = await writer.CreateAsync("/api/v1/memberships", Membership(slug, (int)organisation["id"]!, "member"));
        var goal = await writer.CreateAsync("/api/v1/goals", Goal(slug, "Reach twelve things"));
        var measurement = await writer.CreateAsync($"/api/v1/goals/{(int)goal["id"]!}/measurements", Measurement("2024", 5));
        var agreement = await writer.CreateAsync("/api/v1/agreements", Agreement(slug, "A memorandum of the world"));
        return new HistoryWorld(slug, (int)partnership["id"]!, (int)organisation["id"]!, (int)membership["id"]!, (int)goal["id"]!,
            (int)measurement["id"]!, (int)agreement["id"]!);
    }

    public static JsonObject Membership(string slug, int organisationId, string role) => new()
    {
        ["partnership"] = slug,
        ["organisationId"] = organisationId,
        ["role"] = role,
        ["joined"] = "2019-05",
        ["sources"] = Sources.DeepClone(),
    };

    public static JsonObject Goal(string slug, string statement, bool headline = false) => new()
    {
        ["partnership"] = slug,
        ["isHeadline"] = headline,
        ["statement"] = statement,
        ["indicator"] = "Things done",
        ["unit"] = "things",
        ["direction"] = "atLeast",
        ["target"] = 12,
        ["sources"] = Sources.DeepClone(),
    };

    public static JsonObject Measurement(string measuredOn, decimal value) => new()
    {
        ["measuredOn"] = measuredOn,
        ["value"] = value,
        ["sourceUrl"] = "https://example.org/measured",
    };

    public static JsonObject Agreement(string slug, string title) => new()
    {
        ["title"] = title,
        ["kind"] = "memorandumOfUnderstanding",
        ["status"] = "inForce",
        ["signed"] = "2020-03-01",
        ["parties"] = new JsonArray(new JsonObject { ["name"] = "A party" }, new JsonObject { ["name"] = "France", ["countryCode"] = "FR" }),
        ["documents"] = new JsonArray(new JsonObject { ["title"] = "The text", ["url"] = "https://example.org/text.pdf" }),
        ["partnerships"] = new JsonArray(slug),
        ["sources"] = Sources.DeepClone(),
    };
}
