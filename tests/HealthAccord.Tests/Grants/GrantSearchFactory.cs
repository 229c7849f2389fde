using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// An app with the 30 grants of <see cref="Rows"/> in its database and index, for test classes that only read them
/// (one factory per class). The table is the whole truth the tests' expected numbers were counted from by hand;
/// the app's clock stands at 2026-11-28, which decides which grants are live.
/// </summary>
public sealed class GrantSearchFactory : HealthAccordFactory, IAsyncLifetime
{
    public const string Wellcome = "Wellcome Trust";
    public const string Mrc = "Medical Research Council";
    public const string Anr = "Agence Nationale de la Recherche";
    public const string Oxford = "University of Oxford";
    public const string Pasteur = "Institut Pasteur";
    public const string Makerere = "Makerere University";
    public const string Kemri = "Kenya Medical Research Institute";

    private static readonly Dictionary<string, string> Countries = new()
    {
        [Oxford] = "GB",
        [Pasteur] = "FR",
        [Makerere] = "UG",
        [Kemri] = "KE",
        [Wellcome] = "GB",
        [Mrc] = "GB",
        [Anr] = "FR",
    };

    public sealed record Row(
        int N, string Title, string Funder, string[] Recipients, string Currency, decimal Amount, decimal? Eur,
        string Awarded, string? Start, string? End, string[] Pathogens, string[] Hrcs, string[] Partnerships);

    /// <summary>
    /// Wellcome funds rows 1–12, the MRC 13–22, the ANR 23–30. Amounts in euros sit on the band boundaries in rows
    /// 19 (50,000), 20 (49,999.99), 24 (5,000,000), 25 (1,000,000) and 26 (250,000); row 12 has no euro amount.
    /// Planned dates put row 5's end and row 7's start, and row 28's end, right beside 2026-11-28.
    /// </summary>
    public static readonly Row[] Rows =
    [
        new(1, "Malaria vaccine trial in Kenyan children", Wellcome, [Kemri, Oxford], "GBP", 1_200_000m, 1_400_000m, "2024-03-01", "2024-06-01", "2028-05-31", ["malaria"], ["018"], ["edctp"]),
        new(2, "Tuberculosis diagnostics for primary care clinics", Wellcome, [Makerere], "GBP", 450_000m, 520_000m, "2023-07-15", "2023-09-01", "2026-08-31", ["tuberculosis"], ["018"], ["edctp"]),
        new(3, "Heart failure outcomes in older adults", Wellcome, [Oxford], "GBP", 800_000m, 930_000m, "2022-01-10", "2022-04-01", "2027-03-31", [], ["014"], []),
        new(4, "Sickle cell disease care pathways", Wellcome, [Makerere, Oxford], "GBP", 95_000m, 110_000m, "2025-02-01", "2025-04-01", "2027-03-31", [], ["000"], []),
        new(5, "Mental health support for adolescents in Uganda", Wellcome, [Makerere], "GBP", 150_000m, 175_000m, "2025-06-10", "2025-09-01", "2026-11-28", [], ["001"], []),
        new(6, "Antimicrobial resistance in hospital wards", Wellcome, [Kemri], "GBP", 30_000m, 35_000m, "2021-03-01", "2021-04-01", "2022-03-31", ["amr"], ["018"], []),
        new(7, "Stroke rehabilitation at home", Wellcome, [Oxford], "GBP", 2_500_000m, 2_900_000m, "2023-11-20", "2026-11-29", "2029-11-28", [], ["010"], []),
        new(8, "Cancer screening uptake in rural districts", Wellcome, [Kemri], "GBP", 60_000m, 70_000m, "2020-09-01", "2020-10-01", "2023-09-30", [], ["011"], []),
        new(9, "Malaria transmission in the Sahel", Wellcome, [Pasteur, Kemri], "GBP", 700_000m, 810_000m, "2022-05-05", "2022-07-01", "2027-06-30", ["malaria"], ["018"], ["edctp"]),
        new(10, "Diabetes prevention in primary care", Wellcome, [Oxford], "GBP", 40_000m, 46_000m, "2026-02-02", null, null, [], ["002"], []),
        new(11, "Dengue vector control trial", Wellcome, [Pasteur], "USD", 2_000_000m, 1_850_000m, "2024-08-08", "2024-10-01", "2027-09-30", ["dengue"], ["018"], []),
        new(12, "Oral health in schoolchildren", Wellcome, [Makerere], "USD", 20_000m, null, "2021-12-12", "2022-01-01", "2022-12-31", [], ["005"], []),
        new(13, "Vaccine hesitancy among health workers", Mrc, [Oxford], "GBP", 120_000m, 140_000m, "2022-09-01", "2022-10-01", "2025-09-30", [], ["018"], []),
        new(14, "Influenza transmission in households", Mrc, [Oxford, Pasteur], "GBP", 350_000m, 410_000m, "2020-01-15", "2020-03-01", "2023-02-28", ["influenza"], ["018"], ["glopid-r"]),
        new(15, "Asthma in urban children", Mrc, [Oxford], "GBP", 900_000m, 1_050_000m, "2023-03-03", "2023-06-01", "2027-05-31", [], ["008"], []),
        new(16, "Tuberculosis vaccines for adolescents", Mrc, [Makerere, Kemri], "GBP", 4_500_000m, 5_200_000m, "2024-01-20", "2024-04-01", "2029-03-31", ["tuberculosis"], ["018"], ["edctp"]),
        new(17, "Dementia risk and sleep", Mrc, [Oxford], "GBP", 250_000m, 290_000m, "2025-05-05", "2025-07-01", "2028-06-30", [], ["004"], []),
        new(18, "Hip fracture recovery", Mrc, [Oxford], "GBP", 45_000m, 52_000m, "2021-06-06", "2021-07-01", "2022-06-30", [], ["003"], []),
        new(19, "Eye disease in diabetes", Mrc, [Oxford], "GBP", 43_000m, 50_000m, "2023-10-10", "2023-11-01", "2026-10-31", [], ["017"], []),
        new(20, "Hearing loss in older adults", Mrc, [Oxford], "GBP", 42_999m, 49_999.99m, "2024-04-04", "2024-05-01", "2027-04-30", [], ["016"], []),
        new(21, "Kidney disease registry", Mrc, [Oxford], "GBP", 6_000_000m, 6_900_000m, "2025-11-11", "2026-01-01", "2030-12-31", [], ["006"], []),
        new(22, "Skin infections in refugee camps", Mrc, [Makerere], "GBP", 80_000m, 93_000m, "2026-03-03", "2026-04-01", "2027-03-31", [], ["009"], []),
        new(23, "Genomic surveillance of influenza viruses", Anr, [Pasteur], "EUR", 300_000m, 300_000m, "2021-05-20", "2021-10-01", "2024-09-30", ["influenza"], ["018"], ["glopid-r"]),
        new(24, "Vaccines against emerging coronaviruses", Anr, [Pasteur, Oxford], "EUR", 5_000_000m, 5_000_000m, "2020-06-01", "2020-07-01", "2025-06-30", ["sars-cov-2"], ["018"], ["glopid-r"]),
        new(25, "Lassa fever preparedness in West Africa", Anr, [Pasteur], "EUR", 1_000_000m, 1_000_000m, "2023-02-02", "2023-04-01", "2027-03-31", ["lassa"], ["018"], ["glopid-r"]),
        new(26, "Cardiovascular risk in migrants", Anr, [Pasteur], "EUR", 250_000m, 250_000m, "2022-12-01", "2023-01-01", "2025-12-31", [], ["014"], []),
        new(27, "Maternal health in rural clinics", Anr, [Pasteur, Makerere], "EUR", 175_000m, 175_000m, "2024-10-10", "2025-01-01", "2027-12-31", [], ["007"], []),
        new(28, "Chronic pain and opioid use", Anr, [Pasteur], "EUR", 49_000m, 49_000m, "2025-09-09", "2025-10-01", "2026-11-27", [], ["004"], []),
        new(29, "Zika virus and neurodevelopment", Anr, [Pasteur], "EUR", 600_000m, 600_000m, "2020-04-04", "2020-06-01", "2024-05-31", ["zika"], ["004", "018"], ["glopid-r"]),
        new(30, ScriptTitle, Anr, [Pasteur], "EUR", 10_000m, 10_000m, "2026-06-06", "2026-07-01", "2027-06-30", [], ["012"], []),
    ];

    public const string ScriptTitle = "<script>alert(1)</script>";
    public const string ScriptDescription = "A <b>test</b> of escaping & malaria <script>alert(2)</script> in descriptions.";

    /// <summary>Database ids by row number.</summary>
    public IReadOnlyDictionary<int, long> Ids { get; private set; } = new Dictionary<int, long>();

    public int RowOf(long id) => Ids.Single(kv => kv.Value == id).Key;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = new Dictionary<int, long>();
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            foreach (var row in Rows)
            {
                var builder = new GrantBuilder($"TEST-{row.N:00}", row.Title)
                    .Funder(row.Funder, Countries[row.Funder])
                    .Amount(row.Amount, row.Currency, row.Eur)
                    .Awarded(DateOnly.Parse(row.Awarded, System.Globalization.CultureInfo.InvariantCulture))
                    .Planned(Date(row.Start), Date(row.End))
                    .Pathogens(row.Pathogens)
                    .Hrcs(row.Hrcs)
                    .Partnerships(row.Partnerships)
                    .Countries([.. row.Recipients.Select(r => Countries[r]).Distinct()]);
                foreach (var recipient in row.Recipients) builder.Recipient(recipient, Countries[recipient]);
                if (row.N == 30) builder.Description(ScriptDescription);
                ids[row.N] = (await builder.SaveAsync(db, ct)).Id;
            }
        }
        Ids = ids;
        await Services.GetRequiredService<GrantIndex>().IndexGrantsAsync(ids.Values, ct);
    }

    private static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
