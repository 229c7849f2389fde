using System.Text.Json.Nodes;

namespace HealthAccord.Tests.Pathogens;

/// <summary>The Marburg figures of <see cref="BriefingPortfolio"/> (worked out there), checked against an API answer on either database.</summary>
public static class BriefingExpectations
{
    public static (string Key, int Grants, decimal Eur, int WithoutEur)[] Rows(JsonNode breakdown) =>
        breakdown["top"]!.AsArray().Select(r => ((string)r!["key"]!, (int)r["grants"]!, (decimal)r["amountEur"]!, (int)r["grantsWithoutEur"]!)).ToArray();

    public static void AssertMarburg(JsonNode b, IReadOnlyDictionary<string, long> ids, string wellcomeId, string rcnId)
    {
        Assert.Equal("marburg", (string)b["code"]!);
        Assert.Equal("Marburg virus disease", (string)b["name"]!);
        Assert.Equal("2026-11-28", (string)b["asOf"]!);
        Assert.Equal(4, (int)b["grants"]!);
        Assert.Equal(1_293_750.50m, (decimal)b["amountEur"]!);
        Assert.Equal(1, (int)b["grantsWithoutEur"]!);
        var unconverted = Assert.Single(b["unconverted"]!.AsArray());
        Assert.Equal(("XAF", 1, 10_000_000m), ((string)unconverted!["currency"]!, (int)unconverted["grants"]!, (decimal)unconverted["amount"]!));
        Assert.Equal(2, (int)b["liveGrants"]!);

        Assert.Equal([("GN", 2, 1_000_000m, 1), ("SL", 1, 1_000_000m, 0), ("UG", 1, 43_750.50m, 0)], Rows(b["byCountry"]!));
        Assert.Equal(1, (int)b["byCountry"]!["grantsWithoutValue"]!);
        Assert.Null(b["byCountry"]!["other"]);
        Assert.Equal("Guinea", (string)b["byCountry"]!["top"]![0]!["label"]!);

        Assert.Equal([(wellcomeId, 2, 1_000_000m, 1), (rcnId, 2, 43_750.50m, 1)], Rows(b["byFunder"]!));
        Assert.Equal(1, (int)b["byFunder"]!["grantsWithoutValue"]!);
        Assert.Equal("/grants?pathogen=marburg&funder=Wellcome%20Trust", (string)b["byFunder"]!["top"]![0]!["url"]!);

        Assert.Equal([("018", 3, 1_293_750.50m, 0), ("007", 1, 43_750.50m, 0)], Rows(b["byCategory"]!));
        Assert.Equal(1, (int)b["byCategory"]!["grantsWithoutValue"]!);
        Assert.Equal("Infection", (string)b["byCategory"]!["top"]![0]!["label"]!);

        var years = b["byYear"]!.AsArray().Select(y => ((int)y!["year"]!, (int)y["grants"]!, (decimal)y["amountEur"]!, (int)y["grantsWithoutEur"]!));
        Assert.Equal([(2022, 1, 250_000m, 0), (2023, 1, 43_750.50m, 0), (2024, 1, 1_000_000m, 0), (2025, 1, 0m, 1)], years);

        Assert.Equal([ids["M3"], ids["M1"], ids["M2"], ids["M4"]], b["latest"]!.AsArray().Select(g => (long)g!["id"]!));
        Assert.Equal([ids["M1"], ids["M4"], ids["M2"]], b["largest"]!.AsArray().Select(g => (long)g!["id"]!));
        Assert.Equal($"/grants/{ids["M1"]}", (string)b["largest"]![0]!["url"]!);
        Assert.Equal(BriefingPortfolio.Wellcome, (string)b["largest"]![0]!["funder"]!);

        var partnerships = b["partnerships"]!.AsArray();
        Assert.Equal([("glopid-r", 2, 1_043_750.50m), ("edctp", 1, 250_000m)],
            partnerships.Select(p => ((string)p!["slug"]!, (int)p["grants"]!, (decimal)p["amountEur"]!)));
        Assert.Equal(BriefingPortfolio.GloPidSecretariat, (string)partnerships[0]!["secretariat"]!);
        Assert.Equal(BriefingPortfolio.GloPidWebsite, (string)partnerships[0]!["website"]!);
        Assert.Null(b["focus"]);
    }

    public static void AssertMarburgInGuineaAndSierraLeone(JsonNode focus, string wellcomeId, string rcnId)
    {
        Assert.Equal(2, (int)focus["grants"]!);
        Assert.Equal(1_000_000m, (decimal)focus["amountEur"]!);
        Assert.Equal(1, (int)focus["grantsWithoutEur"]!);
        Assert.Equal(2, (int)focus["liveGrants"]!);
        var countries = focus["countries"]!.AsArray().Select(c => ((string)c!["key"]!, (int)c["grants"]!, (decimal)c["amountEur"]!));
        Assert.Equal([("GN", 2, 1_000_000m), ("SL", 1, 1_000_000m)], countries);
        Assert.Equal([(wellcomeId, 2, 1_000_000m, 1), (rcnId, 1, 0m, 1)], Rows(focus["funders"]!));
    }
}
