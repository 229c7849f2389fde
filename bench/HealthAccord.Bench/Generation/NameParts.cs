namespace HealthAccord.Bench.Generation;

/// <summary>
/// Parts that synthetic funder and organisation names are composed from. Pathogen names are left out on purpose, so
/// that only titles and descriptions carry them (at the rate PathogenTerms sets).
/// </summary>
internal static class NameParts
{
    public static readonly string[] Surnames =
    [
        "Ainsworth", "Ashworth", "Barnard", "Beaumont", "Bellamy", "Bennett", "Blackwood", "Carrington", "Castell", "Cavendish",
        "Chandra", "Da Costa", "Delacroix", "Drummond", "Dubois", "Ellery", "Eriksson", "Fairbairn", "Fischer", "Fontaine",
        "Forsyth", "Galloway", "Garcia", "Grantham", "Hale", "Halvorsen", "Hartley", "Hoffmann", "Holloway", "Ingram",
        "Iyer", "Jansen", "Kaplan", "Keller", "Kershaw", "Kimura", "Lambert", "Larsen", "Lindqvist", "Lockwood",
        "Lovell", "Mackenzie", "Mansour", "Marchetti", "Mehta", "Mensah", "Merriman", "Moreau", "Morgan", "Mwangi",
        "Nakamura", "Novak", "Nyberg", "Ogilvie", "Okafor", "Oliveira", "Osei", "Pemberton", "Pereira", "Petersen",
        "Prescott", "Rahman", "Richter", "Rossi", "Sandoval", "Schneider", "Silva", "Sinclair", "Sorensen", "Stanton",
        "Tan", "Thornton", "Valdez", "Van der Berg", "Vasquez", "Wakefield", "Whitfield", "Wolff", "Yamamoto", "Zhang",
    ];

    public static readonly string[] ResearchFields =
    [
        "Infectious Diseases", "Tropical Medicine", "Global Health", "Public Health", "Cancer Research", "Neuroscience",
        "Cardiovascular Science", "Molecular Medicine", "Immunology", "Epidemiology", "Health Economics", "Genomic Medicine",
        "Child Health", "Maternal Health", "Mental Health", "Nutrition", "Health Policy", "Biomedical Research",
        "Clinical Research", "Translational Medicine", "Vaccine Research", "Health Data Science", "Medical Microbiology",
        "Population Health", "Primary Care", "Health Systems Research", "Environmental Health", "Ageing Research",
        "Regenerative Medicine", "Structural Biology", "Pharmacology", "Rehabilitation", "Ophthalmology",
        "Respiratory Medicine", "Diabetes Research", "Kidney Research", "Reproductive Health", "Digital Health",
        "Implementation Science", "Hygiene",
    ];

    /// <summary>Causes that health charities are named after.</summary>
    public static readonly string[] Causes =
    [
        "Cancer", "Heart", "Kidney", "Diabetes", "Dementia", "Stroke", "Sight", "Hearing", "Mental Health", "Children's Health",
        "Lung Health", "Bone Health", "Liver", "Arthritis", "Epilepsy", "Autism", "Rare Disease", "Blood", "Skin", "Motor Neurone Disease",
    ];

    public static readonly string[] Saints = ["Mary", "Thomas", "George", "Luke", "James", "John", "Joseph", "Anne", "Michael", "Peter", "Vincent", "Elizabeth"];

    /// <summary>Regions that name health research agencies, with the country the agency sits in.</summary>
    public static readonly (string Region, string CountryCode)[] Regions =
    [
        ("Scottish", "GB"), ("Welsh", "GB"), ("Northern", "GB"), ("Midlands", "GB"), ("Wessex", "GB"), ("Ulster", "GB"),
        ("Nordic", "SE"), ("Baltic", "FI"), ("Alpine", "CH"), ("Bavarian", "DE"), ("Rhineland", "DE"), ("Catalan", "ES"),
        ("Basque", "ES"), ("Flemish", "BE"), ("Walloon", "BE"), ("Lombardy", "IT"), ("Tuscan", "IT"), ("Breton", "FR"),
        ("Occitan", "FR"), ("Quebec", "CA"), ("Ontario", "CA"), ("Pacific", "US"), ("New England", "US"), ("Midwest", "US"),
        ("East African", "KE"), ("Southern African", "ZA"), ("Andean", "PE"), ("Tasman", "NZ"),
        ("Victorian", "AU"), ("Kansai", "JP"),
    ];

    public static readonly string[] CompanyStems = ["Gen", "Vax", "Cyte", "Thera", "Immuno", "Bio", "Medi", "Path", "Onco", "Neuro", "Cardio", "Derm"];

    public static readonly string[] CompanyEndings = ["Biosciences", "Therapeutics", "Diagnostics", "Biologics", "Clinical Research", "Health Technologies"];

    /// <summary>Legal form that follows a company name in each country; "Ltd" where not listed.</summary>
    public static string CompanySuffix(string countryCode) => countryCode switch
    {
        "US" or "CA" => "Inc.",
        "DE" or "AT" or "CH" => "GmbH",
        "FR" => "SAS",
        "NL" or "BE" => "B.V.",
        "SE" or "NO" or "DK" or "FI" => "AB",
        "IT" => "S.r.l.",
        "ES" => "S.L.",
        "JP" => "K.K.",
        _ => "Ltd",
    };

    public static readonly string[] StreetNames =
    [
        "Church", "Park", "Station", "High", "Mill", "King", "Queen", "Victoria", "College", "Hospital", "University",
        "Garden", "Lake", "River", "Market", "Bridge", "Hill", "North", "South", "Science Park",
    ];
}
