namespace HealthAccord.Bench.Generation;

/// <summary>Composes organisation names, short names, street addresses and post codes that read like real ones.</summary>
internal static class OrganisationNames
{
    public static string Compose(OrganisationKind kind, Country country, string city, ref Xoshiro256StarStar random)
    {
        var field = random.Pick(NameParts.ResearchFields);
        var surname = random.Pick(NameParts.Surnames);
        return kind switch
        {
            OrganisationKind.University => random.Next(8) switch
            {
                0 => $"University of {city}",
                1 => $"{city} University",
                2 => $"{city} Medical University",
                3 => $"University College {city}",
                4 => $"{city} School of {field}",
                5 => $"{city} College of {field}",
                6 => $"{surname} University",
                _ => $"{city} University of Health Sciences",
            },
            OrganisationKind.Institute => random.Next(6) switch
            {
                0 => $"{city} Institute for {field}",
                1 => $"{surname} Institute for {field}",
                2 => $"{country.Demonym} Institute of {field}",
                3 => $"Centre for {field}, {city}",
                4 => $"{surname} Research Institute",
                _ => $"{city} {field} Research Unit",
            },
            OrganisationKind.Hospital => random.Next(7) switch
            {
                0 => $"{city} University Hospital",
                1 => $"{city} General Hospital",
                2 => $"{city} Children's Hospital",
                3 => $"St {random.Pick(NameParts.Saints)}'s Hospital, {city}",
                4 => $"{surname} Memorial Hospital",
                5 => country.Code == "GB" ? $"{city} Teaching Hospitals NHS Foundation Trust" : $"{city} Teaching Hospital",
                _ => $"{city} {random.Pick(NameParts.Causes)} Centre",
            },
            OrganisationKind.Charity => random.Next(6) switch
            {
                0 => $"{random.Pick(NameParts.Causes)} Action {country.Name}",
                1 => $"{surname} {random.Pick(NameParts.Causes)} Trust",
                2 => $"Friends of {city} Hospitals",
                3 => $"{city} {random.Pick(NameParts.Causes)} Foundation",
                4 => $"{country.Demonym} {random.Pick(NameParts.Causes)} Society",
                _ => $"{random.Pick(NameParts.Causes)} Alliance {city}",
            },
            _ => random.Next(3) switch
            {
                0 => $"{surname} {random.Pick(NameParts.CompanyEndings)} {NameParts.CompanySuffix(country.Code)}",
                1 => $"{random.Pick(NameParts.CompanyStems)}{random.Pick(NameParts.CompanyStems).ToLowerInvariant()} {random.Pick(NameParts.CompanyEndings)} {NameParts.CompanySuffix(country.Code)}",
                _ => $"{city} {random.Pick(NameParts.CompanyEndings)} {NameParts.CompanySuffix(country.Code)}",
            },
        };
    }

    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal) { "of", "for", "and", "the", "St" };

    /// <summary>Initials of the significant words, as CORDIS short names often are ("UCL", "KCL").</summary>
    public static string ShortName(string name)
    {
        Span<char> initials = stackalloc char[8];
        var length = 0;
        foreach (var word in name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (MinorWords.Contains(word) || !char.IsLetter(word[0])) continue;
            if (length == initials.Length) break;
            initials[length++] = char.ToUpperInvariant(word[0]);
        }
        return length >= 2 ? new string(initials[..length]) : name[..Math.Min(4, name.Length)].ToUpperInvariant();
    }

    /// <summary>A street address in the order the country writes it, e.g. "Hoffmannstraße 12" or "12 rue Dubois".</summary>
    public static string Street(Country country, ref Xoshiro256StarStar random)
    {
        var number = random.Between(1, 240);
        var surname = random.Pick(NameParts.Surnames).Replace(" ", "", StringComparison.Ordinal);
        return country.Code switch
        {
            "DE" or "AT" or "CH" => $"{surname}straße {number}",
            "NL" => $"{surname}straat {number}",
            "FR" or "BE" or "LU" or "SN" or "CI" or "CM" or "BF" or "ML" or "TN" or "MA" => $"{number} rue {surname}",
            "IT" => $"Via {surname} {number}",
            "ES" or "MX" or "AR" or "CL" or "CO" or "PE" or "EC" or "BO" or "UY" or "CR" or "GT" or "CU" => $"Calle {surname} {number}",
            "PT" or "BR" or "MZ" => $"Rua {surname} {number}",
            "SE" => $"{surname}gatan {number}",
            "DK" => $"{surname}gade {number}",
            "NO" => $"{surname}s gate {number}",
            "FI" => $"{surname}nkatu {number}",
            _ => $"{number} {random.Pick(NameParts.StreetNames)} {(random.Next(3) switch { 0 => "Road", 1 => "Street", _ => "Avenue" })}",
        };
    }

    /// <summary>Fills the country's pattern: A becomes a letter, 9 a digit, anything else stays.</summary>
    public static string PostCode(Country country, ref Xoshiro256StarStar random)
    {
        var pattern = country.PostcodePattern;
        Span<char> code = stackalloc char[pattern.Length];
        for (var i = 0; i < pattern.Length; i++)
        {
            code[i] = pattern[i] switch
            {
                'A' => (char)('A' + random.Next(26)),
                '9' => (char)('0' + random.Next(10)),
                var other => other,
            };
        }
        return new string(code);
    }
}
