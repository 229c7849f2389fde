namespace HealthAccord.Web.Grants;

/// <summary>
/// The pathogens grants are tagged with and the rules that find them. PATHOGEN-RULES.md beside this file explains each
/// rule and exclusion and gives the measured precision and recall; change both together.
/// </summary>
/// <remarks>
/// Patterns share a few habits: <c>\b</c> at both ends so "flu" does not match "fluid" or "influence";
/// <c>[\s-]*</c> between the parts of a name so "SARS-CoV-2", "sars cov 2" and "SARS-CoV2" all match; <c>h(a)?emorrhagic</c>-style
/// optional letters for British and American spelling. Text is normalised before matching (typographic dashes to "-",
/// non-breaking spaces to " "), so patterns only need the ASCII forms.
/// </remarks>
public static class PathogenCatalogue
{
    // "Coronavirus" on its own has meant SARS-CoV-2 since it was identified in January 2020; before that it meant the
    // family (common-cold coronaviruses, SARS, MERS).
    private static readonly DateOnly CovidEra = new(2020, 1, 1);

    private const string Coronavirus = @"corona[\s-]?virus(es)?";

    public static IReadOnlyList<Pathogen> All { get; } =
    [
        new("covid-19", "COVID-19 (SARS-CoV-2)", "Coronaviridae", true,
        [
            new("covid-19.covid", @"\bcovid([\s_-]*19|virus)?\b"),
            new("covid-19.cv19", @"\bcv-?19\b"),
            new("covid-19.sars-cov-2", @"\bsars[\s-]*(cov|coronavirus)[\s-]*2\b"),
            new("covid-19.sars-cov-2-name", @"\bsevere\s+acute\s+respiratory\s+syndrome[\s-]+coronavirus[\s-]*2\b"),
            new("covid-19.2019-ncov", @"\b(2019[\s-]*n[\s-]?cov|n[\s-]?cov[\s-]*2019)\b"),
            new("covid-19.coronavirus-disease-2019", $@"\b{Coronavirus}\s+disease[\s-]*(2019|19)\b"),
            new("covid-19.coronavirus-since-2020", $@"\b(novel\s+)?{Coronavirus}\b")
            {
                AwardedFrom = CovidEra,
                ExcludedAround =
                [
                    // Named other coronaviruses, unless it is "SARS coronavirus 2".
                    PathogenRule.Exclusion($@"\b(middle\s+east(ern)?\s+respiratory\s+syndrome|mers|sars)([\s-]+related)?[\s-]+{Coronavirus}\b(?![\s-]*2\b)"),
                    PathogenRule.Exclusion($@"\b(feline|canine|bovine|porcine|bat|camel|seasonal|common[\s-]+cold)\s+{Coronavirus}\b"),
                ],
            },
            new("covid-19.corona-crisis", @"\bcorona[\s-]+(crisis|pandemic|outbreak|lockdown)\b") { AwardedFrom = CovidEra },
        ]),
        new("other-coronavirus", "Other coronaviruses (SARS, MERS)", "Coronaviridae", true,
        [
            new("other-coronavirus.mers-name", @"\bmiddle[\s-]+east(ern)?\s+respiratory\s+syndrome\b"),
            new("other-coronavirus.mers", @"\bMERS([\s-]*(?i:cov))?\b", caseSensitive: true),
            new("other-coronavirus.sars-name", @"\bsevere\s+acute\s+respiratory\s+syndrome\b(?![\s-]+coronavirus[\s-]*2\b)"),
            new("other-coronavirus.sars", @"\bSARS([\s-]*(?i:cov)([\s-]*1)?)?\b", caseSensitive: true)
            {
                ExcludedAround = [PathogenRule.Exclusion(@"\bsars[\s-]*(cov|coronavirus)[\s-]*2\b")],
            },
            new("other-coronavirus.animal-or-seasonal", $@"\b(feline|canine|bovine|porcine|bat|camel|seasonal|common[\s-]+cold)\s+{Coronavirus}\b"),
            new("other-coronavirus.coronavirus-before-2020", $@"\b{Coronavirus}\b") { AwardedBefore = CovidEra },
        ]),
        new("ebola", "Ebola virus disease", "Filoviridae", true,
        [
            new("ebola.name", @"\bebola([\s-]?virus(es)?)?\b"),
            // EVD is also an external ventricular drain in neurosurgery.
            new("ebola.evd", @"\bEVD\b", caseSensitive: true) { ExcludedInField = [PathogenRule.Exclusion(@"\bventricul")] },
        ]),
        new("marburg", "Marburg virus disease", "Filoviridae", true,
        [
            // "Marburg" alone is the German university town, so the virus or disease must be named.
            new("marburg.virus", @"\bmarburg[\s-]?(virus(es)?|h(a)?emorrhagic\s+fever|disease|outbreaks?)\b"),
        ]),
        new("lassa", "Lassa fever", "Arenaviridae", true,
        [
            new("lassa.name", @"\blassa\b"),
        ]),
        new("cchf", "Crimean-Congo haemorrhagic fever", "Nairoviridae", true,
        [
            new("cchf.name", @"\bcrimean[\s-]+congo\b"),
            new("cchf.acronym", @"\bCCHFV?\b", caseSensitive: true),
        ]),
        new("nipah", "Nipah and henipaviral diseases", "Paramyxoviridae", true,
        [
            new("nipah.name", @"\bnipah\b"),
            new("nipah.henipavirus", @"\bhenipa[\s-]?vir(us|uses|al)\b"),
            // Hendra alone is a Brisbane suburb.
            new("nipah.hendra", @"\bhendra[\s-]?virus\b"),
        ]),
        new("rift-valley-fever", "Rift Valley fever", "Phenuiviridae", true,
        [
            new("rift-valley-fever.name", @"\brift\s+valley\s+fever\b"),
            // RVF is also right ventricular failure.
            new("rift-valley-fever.acronym", @"\bRVFV?\b", caseSensitive: true) { ExcludedInField = [PathogenRule.Exclusion(@"\bventricul")] },
        ]),
        new("zika", "Zika virus disease", "Flaviviridae", true,
        [
            new("zika.name", @"\bzika\b"),
            new("zika.acronym", @"\bZIKV\b", caseSensitive: true),
        ]),
        new("disease-x", "Disease X", "Unknown", true,
        [
            // A capital X, as in the WHO name; not "disease x age" (a statistical interaction), "disease X-linked" or
            // "heart disease X-ray".
            new("disease-x.name", @"\b(?i:disease|pathogen)\s+X(?![\w-])", caseSensitive: true),
        ]),
        new("mpox", "Mpox (monkeypox)", "Poxviridae", false,
        [
            new("mpox.name", @"\bm-?pox\b"),
            new("mpox.monkeypox", @"\bmonkey[\s-]?pox([\s-]?virus)?\b"),
            new("mpox.mpxv", @"\bMPXV\b"),
        ]),
        new("influenza", "Influenza", "Orthomyxoviridae", false,
        [
            new("influenza.name", @"\binfluenza\b")
            {
                // Haemophilus influenzae is a bacterium; "Haemophilus influenza" is a common misspelling of it.
                ExcludedAround = [PathogenRule.Exclusion(@"\b(h(a)?emophilus|h\.)\s*influenzae?\b")],
            },
            new("influenza.flu", @"\bflu\b")
            {
                // "Flu-like symptoms" describes other illnesses (often COVID-19); "stomach flu" is gastroenteritis.
                ExcludedAround = [PathogenRule.Exclusion(@"\bflu[\s-]+like\b"), PathogenRule.Exclusion(@"\bstomach\s+flu\b")],
            },
            new("influenza.subtype", @"\bH([1-9]|1[0-8])N([1-9]|1[01]|x)\b"),
        ]),
        new("amr", "Antimicrobial resistance", "Various (bacteria, fungi, parasites, viruses)", false,
        [
            new("amr.name", @"\banti[\s-]?(microbial|biotic|bacterial|fungal|viral|malarial)s?[\s-]+resistan(ce|ces|t)\b"),
            new("amr.resistance-to", @"\bresistan(ce|t)\s+to\s+(antibiotics|antimicrobials|antifungals|antivirals)\b"),
            // Upper case only: "amr" in lower case is not the acronym.
            new("amr.acronym", @"\bAMR\b", caseSensitive: true),
            new("amr.drug-resistant", @"\b(multi[\s-]?|extensively[\s-]+|pan[\s-]?)?drug[\s-]+resistan(t|ce)\b")
            {
                // Drug resistance is also a problem of cancer, epilepsy, depression and hypertension treatment.
                ExcludedInField =
                [
                    PathogenRule.Exclusion(@"\b(cancers?|tumou?rs?|oncolog\w*|chemotherap\w*|leuk(a)?emi\w*|lymphomas?|carcinomas?|myelomas?|epilep\w*|seizures?|depressi\w*|hypertensi\w*)\b"),
                ],
            },
            new("amr.mdr-xdr", @"\b(MDR|XDR)[\s-]?(TB|bacteria|organisms?|pathogens?|infections?)\b"),
            // Not CRE: in health research it is as often a Centre of Research Excellence (NHMRC) as carbapenem-resistant bacteria.
            new("amr.resistant-organism", @"\b(MRSA|ESBL)\b", caseSensitive: true),
            new("amr.resistant-to-named-drug", @"\b(met(h)?icillin|carbapenem|vancomycin|colistin|cephalosporin|fluoroquinolone)[\s-]+resistan(t|ce)\b"),
            new("amr.resistant-infection", @"\bresistant\s+(bacteria|bacterial\s+infections?|infections?|pathogens?|microbes|micro-?organisms|bugs)\b"),
            new("amr.superbug", @"\bsuper[\s-]?bugs?\b"),
        ]),
        new("tuberculosis", "Tuberculosis", "Mycobacteriaceae", false,
        [
            new("tuberculosis.name", @"\btubercul(osis|ar|ous)\b"),
            new("tuberculosis.tb", @"\bTB\b", caseSensitive: true)
            {
                ExcludedAround = [PathogenRule.Exclusion(@"\d+([.,]\d+)?\s*TB\b", ignoreCase: false)], // terabytes
            },
        ]),
        new("malaria", "Malaria", "Plasmodiidae", false,
        [
            new("malaria.name", @"\b(anti[\s-]?)?malaria(ls?|s)?\b"),
            // Capitalised: the genus. Lower-case "plasmodium" is also a stage of slime moulds.
            new("malaria.plasmodium", @"\bPlasmodium\b", caseSensitive: true),
        ]),
        new("hiv", "HIV and AIDS", "Retroviridae", false,
        [
            new("hiv.name", @"\bHIV([\s-]?[12])?\b"),
            new("hiv.full-name", @"\bhuman\s+immuno[\s-]?deficiency\s+virus(es)?\b"),
            new("hiv.aids", @"\bAIDS\b", caseSensitive: true)
            {
                // Text in capitals: "HEARING AIDS", "MOBILITY AIDS".
                ExcludedAround =
                [
                    PathogenRule.Exclusion(@"\b(hearing|walking|mobility|visual|vision|teaching|learning|living|daily|first|memory|communication|sleep|study|revision|navigation|audio|sensory)\s+aids\b"),
                ],
            },
            new("hiv.aids-name", @"\bacquired\s+immune?[\s-]?deficiency\s+syndrome\b"),
        ]),
        new("dengue", "Dengue", "Flaviviridae", false,
        [
            new("dengue.name", @"\bdengue\b"),
        ]),
        new("chikungunya", "Chikungunya", "Togaviridae", false,
        [
            new("chikungunya.name", @"\bchikungunya\b"),
            new("chikungunya.acronym", @"\bCHIKV\b", caseSensitive: true),
        ]),
        new("cholera", "Cholera", "Vibrionaceae", false,
        [
            new("cholera.name", @"\bcholerae?\b"),
        ]),
    ];

    /// <summary>The pathogen with this code, or null.</summary>
    public static Pathogen? Find(string code) => All.FirstOrDefault(p => p.Code == code);
}
