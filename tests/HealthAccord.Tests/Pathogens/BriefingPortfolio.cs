using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Pathogens;

/// <summary>
/// A small portfolio built by hand for the briefing tests, on either database. The figures the tests expect are worked
/// out from these grants in the comments below, with the app's clock at 2026-11-28 (HealthAccordFactory.Now):
///
/// Marburg: M1, M2, M3, M4 (E1 is Ebola only and must not count).
///   total 4 grants; euros 1,000,000 + 43,750.50 + 250,000 = 1,293,750.50; M3 has no euro amount (XAF 10,000,000).
///   live (planned dates around 2026-11-28): M1 and M3; M2 ended in 2025, M4 has no dates.
///   countries: GN = M1 + M3 (2 grants, 1,000,000, 1 without euros), SL = M1 (1, 1,000,000), UG = M2 (1, 43,750.50);
///     M4 has none.
///   funders: Wellcome = M1 + M3 (2, 1,000,000, 1 without), RCN = M2 + M3 (2, 43,750.50, 1 without); M4 has none.
///   HRCS: 018 = M1 + M2 + M4 (3, 1,293,750.50), 007 = M2 (1, 43,750.50); M3 has none.
///   years: 2022 M4 250,000; 2023 M2 43,750.50; 2024 M1 1,000,000; 2025 M3 0 with 1 without.
///   latest: M3, M1, M2, M4. Largest in euros: M1, M4, M2 (M3 has no euro amount).
///   partnerships: GloPID-R = M1 + M2 (2, 1,043,750.50), EDCTP = M4 (1, 250,000).
///   singling out GN and SL: M1 + M3 (2 grants, 1,000,000, 1 without, both live); Wellcome 2, RCN 1 (M3).
/// Lassa: L1 researches in twelve countries, so its country breakdown lists ten and folds two into "other".
/// </summary>
public static class BriefingPortfolio
{
    public const string Wellcome = "Wellcome Trust";
    public const string Rcn = "Research Council of Norway";
    public const string GloPidSecretariat = "GloPID-R Secretariat, test address";
    public const string GloPidWebsite = "https://www.glopid-r.org/";

    public static readonly string[] LassaCountries = ["NG", "GN", "SL", "LR", "BJ", "TG", "GH", "CI", "ML", "BF", "SN", "NE"];

    public static async Task<Dictionary<string, long>> SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var ids = new Dictionary<string, long>
        {
            ["M1"] = (await new GrantBuilder("BRIEF-M1", "Marburg vaccine trial").Funder(Wellcome, "GB").Recipient("Institut Pasteur de Guinée", "GN")
                .Amount(1_000_000m, "EUR", 1_000_000m).Awarded(new DateOnly(2024, 2, 1)).Planned(new DateOnly(2024, 3, 1), new DateOnly(2027, 2, 28))
                .Countries("GN", "SL").Hrcs("018").Pathogens("marburg").Partnerships("glopid-r").SaveAsync(db, ct)).Id,
            ["M2"] = (await new GrantBuilder("BRIEF-M2", "Marburg diagnostics").Funder(Rcn, "NO").Recipient("Makerere University", "UG")
                .Amount(500_000m, "NOK", 43_750.50m).Awarded(new DateOnly(2023, 5, 10)).Planned(new DateOnly(2023, 6, 1), new DateOnly(2025, 5, 31))
                .Countries("UG").Hrcs("018", "007").Pathogens("marburg").Partnerships("glopid-r").SaveAsync(db, ct)).Id,
            ["M3"] = (await new GrantBuilder("BRIEF-M3", "Marburg reservoir ecology").Funder(Wellcome, "GB").Funder(Rcn, "NO")
                .Amount(10_000_000m, "XAF", null).Awarded(new DateOnly(2025, 1, 5)).Planned(new DateOnly(2025, 2, 1), new DateOnly(2027, 1, 31))
                .Countries("GN").Pathogens("marburg").SaveAsync(db, ct)).Id,
            ["M4"] = (await new GrantBuilder("BRIEF-M4", "Filovirus spillover modelling").Amount(250_000m, "EUR", 250_000m)
                .Awarded(new DateOnly(2022, 9, 9)).Planned(null, null).Hrcs("018").Pathogens("marburg", "ebola").Partnerships("edctp").SaveAsync(db, ct)).Id,
            ["E1"] = (await new GrantBuilder("BRIEF-E1", "Ebola ring vaccination").Funder(Wellcome, "GB").Amount(5_000_000m, "EUR", 5_000_000m)
                .Countries("GN").Hrcs("018").Pathogens("ebola").Partnerships("glopid-r").SaveAsync(db, ct)).Id,
            ["L1"] = (await new GrantBuilder("BRIEF-L1", "Lassa fever cohort across West Africa").Funder(Wellcome, "GB")
                .Amount(1_200_000m, "EUR", 1_200_000m).Countries(LassaCountries).Pathogens("lassa").SaveAsync(db, ct)).Id,
        };
        var glopid = await db.Partnerships.SingleAsync(p => p.Slug == "glopid-r", ct);
        glopid.Secretariat = GloPidSecretariat;
        glopid.Website = GloPidWebsite;
        await db.SaveChangesAsync(ct);
        return ids;
    }
}
