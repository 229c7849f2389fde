namespace HealthAccord.Bench.Generation;

/// <param name="Kind">Decides the CORDIS funding scheme a grant from this programme is listed under.</param>
internal sealed record GrantProgramme(string Code, string Title, ProgrammeKind Kind);

internal enum ProgrammeKind { Research, Fellowship, Coordination, Innovation }

/// <summary>The 300 programme and call titles funders award under: every theme crossed with every scheme.</summary>
internal static class GrantProgrammes
{
    private static readonly (string Code, string Title)[] Themes =
    [
        ("GH", "Global Health"), ("ID", "Infectious Disease"), ("PP", "Pandemic Preparedness"), ("II", "Infection and Immunity"),
        ("CT", "Clinical Trials"), ("MH", "Mental Health"), ("CA", "Cancer"), ("CV", "Cardiovascular Health"),
        ("MC", "Maternal and Child Health"), ("NS", "Neuroscience"), ("PH", "Public Health"), ("HS", "Health Systems"),
        ("DH", "Digital Health"), ("VD", "Vaccine Development"), ("EP", "Epidemiology"), ("HE", "Health Equity"),
        ("NU", "Nutrition"), ("AG", "Healthy Ageing"), ("RD", "Rare Diseases"), ("TM", "Translational Medicine"),
        ("GE", "Genomics"), ("IM", "Immunology"), ("TR", "Tropical Medicine"), ("PC", "Primary Care"),
        ("RH", "Respiratory Health"), ("OH", "One Health"), ("EH", "Environmental Health"), ("IS", "Implementation Science"),
        ("MT", "Medical Technology"), ("PO", "Population Health"),
    ];

    private static readonly (string Code, string Title, ProgrammeKind Kind)[] Schemes =
    [
        ("PG", "Project Grants", ProgrammeKind.Research), ("PR", "Programme Grants", ProgrammeKind.Research),
        ("RF", "Research Fellowships", ProgrammeKind.Fellowship), ("CF", "Clinical Research Training Fellowships", ProgrammeKind.Fellowship),
        ("PA", "Partnership Awards", ProgrammeKind.Coordination), ("SF", "Seed Funding", ProgrammeKind.Innovation),
        ("CN", "Collaborative Research Networks", ProgrammeKind.Coordination), ("CS", "Capacity Strengthening Awards", ProgrammeKind.Coordination),
        ("ER", "Emergency Response Call", ProgrammeKind.Research), ("DT", "Doctoral Training Awards", ProgrammeKind.Fellowship),
    ];

    public static readonly IReadOnlyList<GrantProgramme> All =
        [.. Themes.SelectMany(theme => Schemes.Select(scheme =>
            new GrantProgramme($"{theme.Code}-{scheme.Code}", $"{theme.Title} {scheme.Title}", scheme.Kind)))];
}
