namespace HealthAccord.Bench.Generation;

/// <summary>
/// The funders, made once per seed. Grant counts follow rank as 1/rank (Zipf), so the top ten issue about half of all
/// grants, as a few large councils and foundations do in real portfolios.
/// </summary>
internal sealed class FunderCatalogue
{
    public const int Size = 300;

    // The largest funders' countries are fixed so any seed gives mostly GBP, USD and EUR grants.
    private static readonly string[] LeadingCountries = ["GB", "US", "BE", "GB", "DE", "US", "FR", "NL"];

    // Funders take identifier serials from 100,000 up, clear of the organisations' 0..49,999.
    private const int SerialBase = 100_000;

    private readonly Funder[] _funders;
    private readonly AliasTable _sampler = new(AliasTable.ZipfWeights(Size, offset: 0));

    private FunderCatalogue(Funder[] funders) => _funders = funders;

    public Funder Sample(ref Xoshiro256StarStar random) => _funders[_sampler.Sample(ref random)];

    public static FunderCatalogue Build(ulong seed, OrganisationIdentifiers identifiers)
    {
        var random = Xoshiro256StarStar.ForItem(seed, stream: 0xF0D, item: 0);
        var countrySampler = new AliasTable(Countries.All.Select(c => (long)c.FunderWeight).ToArray());
        var programmeSampler = new AliasTable(AliasTable.ZipfWeights(GrantProgrammes.All.Count, offset: 10));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var funders = new Funder[Size];
        for (var rank = 0; rank < Size; rank++)
        {
            Country country;
            string name;
            bool isCharity, isCompany;
            do
            {
                country = rank < LeadingCountries.Length ? Countries.Get(LeadingCountries[rank]) : Countries.All[countrySampler.Sample(ref random)];
                (name, isCharity, isCompany) = ComposeName(ref country, fixedCountry: rank < LeadingCountries.Length, ref random);
            } while (!names.Add(name));

            var serial = SerialBase + rank;
            var orgId = country.Code != "GB" ? identifiers.Ror(serial)
                : isCharity ? identifiers.EnglandWalesCharity(serial)
                : isCompany ? identifiers.UkCompany(serial)
                : identifiers.Ror(serial);
            var programmes = PickProgrammes(rank < 10 ? 12 : random.Between(2, 8), programmeSampler, ref random);
            funders[rank] = new Funder(
                orgId, name, "360G-" + OrganisationNames.ShortName(name).ToLowerInvariant(), country, country.Currency,
                programmes, new AliasTable(AliasTable.ZipfWeights(programmes.Length, offset: 1)));
        }
        return new FunderCatalogue(funders);
    }

    private static GrantProgramme[] PickProgrammes(int count, AliasTable sampler, ref Xoshiro256StarStar random)
    {
        var chosen = new List<GrantProgramme>(count);
        while (chosen.Count < count)
        {
            var programme = GrantProgrammes.All[sampler.Sample(ref random)];
            if (!chosen.Contains(programme)) chosen.Add(programme);
        }
        return [.. chosen];
    }

    /// <summary>A name such as "Danish Medical Research Council" or "Hartley Family Foundation"; agencies may move the country.</summary>
    private static (string Name, bool IsCharity, bool IsCompany) ComposeName(ref Country country, bool fixedCountry, ref Xoshiro256StarStar random)
    {
        var surname = random.Pick(NameParts.Surnames);
        var field = random.Pick(NameParts.ResearchFields);
        var cause = random.Pick(NameParts.Causes);
        switch (random.Next(12))
        {
            case 0: return ($"{country.Demonym} Medical Research Council", false, false);
            case 1: return ($"{country.Demonym} Council for Health Research", false, false);
            case 2: return ($"National Institute for {field}", false, false);
            case 3:
                var region = random.Pick(NameParts.Regions);
                if (fixedCountry && region.CountryCode != country.Code) return ($"{country.Demonym} Health Research Agency", false, false);
                country = Countries.Get(region.CountryCode);
                return ($"{region.Region} Health Research Agency", false, false);
            case 4: return ($"{surname} Foundation", true, false);
            case 5: return ($"{surname} Family Foundation", true, false);
            case 6: return ($"The {surname} Charitable Trust", true, false);
            case 7: return ($"{surname} {random.Pick(NameParts.Surnames)} Foundation", true, false);
            case 8: return ($"{cause} Research {country.Name}", true, false);
            case 9: return ($"{country.Demonym} {cause} Foundation", true, false);
            case 10: return ($"{surname} Trust for {field}", true, false);
            default: return ($"{surname} Health Partnerships {NameParts.CompanySuffix(country.Code)}", false, true);
        }
    }
}
