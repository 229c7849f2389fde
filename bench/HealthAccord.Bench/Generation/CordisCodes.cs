using System.Globalization;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// CORDIS-style codes for a grant: framework programme by signature year, legal basis, funding scheme, topic and call.
/// The shapes follow codes seen in CORDIS exports (e.g. legal basis HORIZON.1.2, topic HORIZON-MSCA-2022-PF-01-01,
/// funding schemes RIA, CSA, HORIZON-TMA-MSCA-PF-EF); the values are synthetic and not checked one by one against
/// the CORDIS reference data.
/// </summary>
internal static class CordisCodes
{
    /// <summary>CORDIS writes the United Kingdom as UK and Greece as EL, not the ISO codes.</summary>
    public static string CountryCode(Country country) => country.Code switch
    {
        "GB" => "UK",
        "GR" => "EL",
        var code => code,
    };

    public static string FrameworkProgramme(int signatureYear) => signatureYear switch
    {
        <= 2002 => "FP5",
        <= 2006 => "FP6",
        <= 2013 => "FP7",
        <= 2020 => "H2020",
        _ => "HORIZON",
    };

    public static string LegalBasis(string framework, ProgrammeKind kind) => (framework, kind) switch
    {
        ("FP5", _) => "FP5-LIFE QUALITY",
        ("FP6", ProgrammeKind.Fellowship) => "FP6-MOBILITY",
        ("FP6", _) => "FP6-LIFESCIHEALTH",
        ("FP7", ProgrammeKind.Fellowship) => "FP7-PEOPLE",
        ("FP7", ProgrammeKind.Innovation) => "FP7-SME",
        ("FP7", _) => "FP7-HEALTH",
        ("H2020", ProgrammeKind.Fellowship) => "H2020-EU.1.3.",
        ("H2020", ProgrammeKind.Innovation) => "H2020-EU.2.3.",
        ("H2020", _) => "H2020-EU.3.1.",
        (_, ProgrammeKind.Fellowship) => "HORIZON.1.2",
        (_, ProgrammeKind.Innovation) => "HORIZON.3.1",
        _ => "HORIZON.2.1",
    };

    public static string FundingScheme(string framework, ProgrammeKind kind, bool large) => (framework, kind) switch
    {
        ("FP5", ProgrammeKind.Fellowship) => "FMC",
        ("FP5", ProgrammeKind.Coordination) => "ACM",
        ("FP5", _) => "CSC",
        ("FP6", ProgrammeKind.Fellowship) => "EIF",
        ("FP6", ProgrammeKind.Coordination) => "CA",
        ("FP6", ProgrammeKind.Innovation) => "SME",
        ("FP6", _) => large ? "IP" : "STREP",
        ("FP7", ProgrammeKind.Fellowship) => "MC-IEF",
        ("FP7", ProgrammeKind.Coordination) => "CSA-CA",
        ("FP7", ProgrammeKind.Innovation) => "BSG-SME",
        ("FP7", _) => large ? "CP-IP" : "CP-FP",
        ("H2020", ProgrammeKind.Fellowship) => "MSCA-IF-EF-ST",
        ("H2020", ProgrammeKind.Coordination) => "CSA",
        ("H2020", ProgrammeKind.Innovation) => "SME-1",
        ("H2020", _) => "RIA",
        (_, ProgrammeKind.Fellowship) => "HORIZON-TMA-MSCA-PF-EF",
        (_, ProgrammeKind.Coordination) => "HORIZON-CSA",
        (_, ProgrammeKind.Innovation) => "HORIZON-IA",
        _ => "HORIZON-RIA",
    };

    private static readonly string[] HorizonDestinations = ["STAYHLTH", "ENVHLTH", "DISEASE", "CARE", "IND", "TOOL"];
    private static readonly string[] Horizon2020Areas = ["BHC", "HCO", "DTH", "PM"];

    /// <summary>The topic and the call it belongs to; <paramref name="variant"/> spreads grants over several of each per year.</summary>
    public static (string Topic, string Call) TopicAndCall(string framework, ProgrammeKind kind, int year, int variant)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        var call = 1 + variant % 4;
        var topic = 1 + variant / 4 % 12;
        return (framework, kind) switch
        {
            ("HORIZON", ProgrammeKind.Fellowship) => ($"HORIZON-MSCA-{y}-PF-01-01", $"HORIZON-MSCA-{y}-PF-01"),
            ("HORIZON", _) => Horizon($"HORIZON-HLTH-{y}-{HorizonDestinations[variant % HorizonDestinations.Length]}-{call:00}", topic),
            ("H2020", ProgrammeKind.Fellowship) => ($"MSCA-IF-{y}", $"H2020-MSCA-IF-{y}"),
            ("H2020", ProgrammeKind.Innovation) => ($"SMEInst-06-{y}", $"H2020-SMEINST-1-{y}"),
            ("H2020", _) => ($"SC1-{Horizon2020Areas[variant % Horizon2020Areas.Length]}-{topic:00}-{y}", $"H2020-SC1-{y}-{(call % 2 == 0 ? "Two" : "Single")}-Stage"),
            ("FP7", ProgrammeKind.Fellowship) => ($"FP7-PEOPLE-{y}-IEF", $"FP7-PEOPLE-{y}-IEF"),
            ("FP7", ProgrammeKind.Innovation) => ($"SME-{y}-1", $"FP7-SME-{y}"),
            ("FP7", _) => ($"HEALTH.{y}.{call}.{1 + topic % 4}-{topic}", $"FP7-HEALTH-{y}-{(call % 2 == 0 ? "two" : "single")}-stage"),
            ("FP6", ProgrammeKind.Fellowship) => ("MOBILITY-1.1", $"FP6-{y}-MOBILITY-5"),
            ("FP6", _) => ($"LSH-{y}-{call}.{1 + topic % 3}.{topic}-{1 + variant % 5}", $"FP6-{y}-LIFESCIHEALTH-{call}"),
            _ => ($"QoL-{call}.{topic}", $"FP5-QOL-{y}"),
        };

        static (string, string) Horizon(string callCode, int topic) => ($"{callCode}-{topic:00}", callCode);
    }
}
