using System.Globalization;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// The recipient organisations, made once per seed. Rank decides how many grants an organisation wins (Zipf-like:
/// the first few hundred take a large share), and the highest ranks are mostly universities and institutes.
/// </summary>
internal sealed class OrganisationCatalogue
{
    public const int Size = 50_000;
    private const int ZipfOffset = 20;
    private const int LeadingRanks = 2_000;

    private readonly Organisation[] _organisations;
    private readonly AliasTable _anywhere;
    private readonly Dictionary<Country, (Organisation[] Members, AliasTable Sampler)> _byCountry;

    private OrganisationCatalogue(Organisation[] organisations, long[] weights)
    {
        _organisations = organisations;
        _anywhere = new AliasTable(weights);
        _byCountry = organisations.Select((organisation, rank) => (organisation, rank))
            .GroupBy(pair => pair.organisation.Country)
            .ToDictionary(group => group.Key, group => (
                group.Select(pair => pair.organisation).ToArray(),
                new AliasTable(group.Select(pair => weights[pair.rank]).ToArray())));
    }

    public Organisation SampleAnywhere(ref Xoshiro256StarStar random) => _organisations[_anywhere.Sample(ref random)];

    /// <summary>An organisation in the country, in proportion to rank; anywhere if the country has none.</summary>
    public Organisation SampleIn(Country country, ref Xoshiro256StarStar random) =>
        _byCountry.TryGetValue(country, out var local) ? local.Members[local.Sampler.Sample(ref random)] : SampleAnywhere(ref random);

    public static OrganisationCatalogue Build(ulong seed, OrganisationIdentifiers identifiers)
    {
        var random = Xoshiro256StarStar.ForItem(seed, stream: 0x0E6, item: 0);
        var countrySampler = new AliasTable(Countries.All.Select(c => (long)c.OrganisationWeight).ToArray());
        var leadingKinds = new AliasTable([50, 35, 15, 0, 0]);
        var otherKinds = new AliasTable([12, 33, 20, 20, 15]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var organisations = new Organisation[Size];
        for (var rank = 0; rank < Size; rank++)
        {
            var kinds = rank < LeadingRanks ? leadingKinds : otherKinds;
            OrganisationKind kind;
            Country country;
            string city, name;
            var attempts = 0;
            do
            {
                kind = (OrganisationKind)kinds.Sample(ref random);
                country = Countries.All[countrySampler.Sample(ref random)];
                city = random.Pick(country.Cities);
                name = OrganisationNames.Compose(kind, country, city, ref random);
                // The name pools allow several hundred thousand names; after many clashes a numbered site is honest enough.
                if (++attempts > 50) name += " " + attempts.ToString(CultureInfo.InvariantCulture);
            } while (!names.Add(name));
            organisations[rank] = Describe(rank, name, kind, country, city, identifiers, ref random);
        }
        return new OrganisationCatalogue(organisations, AliasTable.ZipfWeights(Size, ZipfOffset));
    }

    private static Organisation Describe(
        int rank, string name, OrganisationKind kind, Country country, string city, OrganisationIdentifiers identifiers, ref Xoshiro256StarStar random)
    {
        var orgId = (country.Code, kind) switch
        {
            ("GB", OrganisationKind.Charity) => identifiers.EnglandWalesCharity(rank),
            ("GB", OrganisationKind.Company) => identifiers.UkCompany(rank),
            _ => identifiers.Ror(rank),
        };
        var shortName = OrganisationNames.ShortName(name);
        // VAT numbers carry the EU VAT prefix, which is EL for Greece; the UK's was GB.
        var vat = country.European && random.Chance(0.7)
            ? (country.Code == "GR" ? "EL" : country.Code) + random.Between(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture)
            : "";
        var nuts = country.European
            ? CordisCodes.CountryCode(country) + "123456789ABCDEFGHJK"[random.Next(19)] + random.Between(1, 9).ToString(CultureInfo.InvariantCulture)
              + random.Between(1, 9).ToString(CultureInfo.InvariantCulture)
            : "";
        var website = random.Chance(0.7) ? $"https://www.{shortName.ToLowerInvariant()}.{WebDomain(country, kind)}" : "";
        return new Organisation(
            rank, orgId, name, shortName, kind, country, city, identifiers.ParticipantCode(rank), vat,
            OrganisationNames.Street(country, ref random), OrganisationNames.PostCode(country, ref random), nuts, website,
            IsSme: kind == OrganisationKind.Company && random.Chance(0.7));
    }

    private static string WebDomain(Country country, OrganisationKind kind) => (country.Code, kind) switch
    {
        ("GB", OrganisationKind.University) => "ac.uk",
        ("GB", OrganisationKind.Hospital) => "nhs.uk",
        ("GB", OrganisationKind.Charity) => "org.uk",
        ("GB", _) => "co.uk",
        ("US", OrganisationKind.University) => "edu",
        ("US", OrganisationKind.Company) => "com",
        ("US", _) => "org",
        _ => country.Code.ToLowerInvariant(),
    };
}
