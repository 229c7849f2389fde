using System.Text.Json.Nodes;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// A small 360Giving package built to exercise what a round trip must carry: several funders and recipients with
/// their countries, countries from beneficiaryLocation and from recipients' addresses, partial and missing planned
/// dates, decimals and a zero amount, HRCS classifications by code and by label, a pathogen named only in a
/// classification, an organisation known by its ROR id, and text in other scripts.
/// </summary>
public static class RoundTripPackage
{
    public static string Json()
    {
        var first = GrantFiles.ValidGrant("RT-1");

        var second = GrantFiles.ValidGrant("RT-2");
        second["title"] = "Étude sur la dengue à Kampala — 登革热";
        second.Remove("description");
        second.Remove("plannedDates");
        second.Remove("beneficiaryLocation");
        second["currency"] = "USD";
        second["amountAwarded"] = 1234.56m;
        second["awardDate"] = "2019-11-30";
        second["fundingOrganization"] = new JsonArray(
            new JsonObject { ["id"] = "GB-CHC-000001", ["name"] = "Example Foundation" },
            new JsonObject { ["id"] = "US-EIN-123456789", ["name"] = "Second Funder Inc." });
        second["recipientOrganization"] = new JsonArray(
            new JsonObject { ["id"] = "XI-ROR-03yrm5c26", ["name"] = "Example University", ["addressCountry"] = "Kenya" },
            new JsonObject { ["id"] = "FR-RNA-W751212345", ["name"] = "Institut Exemple", ["addressCountry"] = "France" },
            new JsonObject { ["id"] = "UG-NGO-0042", ["name"] = "Kampala Field Station", ["addressCountry"] = "UG" });

        var third = GrantFiles.ValidGrant("RT-3");
        third["title"] = "Community resilience fund";
        third["description"] = "Support for food banks and volunteers.";
        third["plannedDates"] = new JsonArray(new JsonObject { ["startDate"] = "2022-01", ["endDate"] = "2024" });
        third["awardDate"] = "2021-12-01T10:30:00Z";
        third["currency"] = "EUR";
        third["amountAwarded"] = 0;
        third["beneficiaryLocation"] = new JsonArray(
            new JsonObject { ["name"] = "Uganda", ["countryCode"] = "UG" },
            new JsonObject { ["name"] = "Kenya", ["countryCode"] = "KE" });
        third["grantProgramme"] = new JsonArray(
            new JsonObject { ["title"] = "Emergency response" },
            new JsonObject { ["code"] = "ER-2" });
        // The only mention of the pathogen is this classification's title.
        third["classifications"] = new JsonArray(
            new JsonObject { ["vocabulary"] = "Funder themes", ["code"] = "T7", ["title"] = "COVID-19 recovery" },
            new JsonObject { ["vocabulary"] = "HRCS Health Categories", ["code"] = "018", ["title"] = "Infection" },
            new JsonObject { ["vocabulary"] = "HRCS Health Categories", ["code"] = "Mental Health" });

        var fourth = GrantFiles.ValidGrant("RT-4");
        fourth["title"] = "Tuberculosis vaccine cohort";
        // Known to the registry by its ROR id (seeded as the Canadian Institutes of Health Research).
        fourth["recipientOrganization"] = new JsonArray(
            new JsonObject { ["id"] = "XI-ROR-01gavpb45", ["name"] = "CIHR", ["addressCountry"] = "Canada" });
        fourth["beneficiaryLocation"] = new JsonArray(new JsonObject { ["name"] = "Canada", ["countryCode"] = "CA" });
        fourth["amountAwarded"] = 987654321.5m;
        fourth["currency"] = "CAD";
        fourth["awardDate"] = "2023-02-28";

        return GrantFiles.Package(first, second, third, fourth);
    }
}
