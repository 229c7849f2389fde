namespace HealthAccord.Bench.Generation;

/// <summary>
/// Makes grant N of a seed. Each grant draws from its own random stream (seed, N), so a grant does not depend on the
/// ones before it: runs are reproducible, and the first 1,000 grants of a 1,000,000 run equal a 1,000 run.
/// </summary>
internal sealed class GrantFactory
{
    public static readonly DateOnly FirstAwardDate = new(2000, 1, 1);

    /// <summary>The last day with ECB rates in shared/data, so every award can be converted to euros.</summary>
    public static readonly DateOnly LastAwardDate = new(2025, 5, 9);

    /// <summary>The export date of the synthetic data set: dateModified never passes it and CORDIS status is judged on it.</summary>
    public static readonly DateOnly SnapshotDate = new(2025, 5, 12);

    private const double MedianEuros = 150_000;
    private const double LogSpread = 1.2;
    private const double MinimumEuros = 2_000;
    private const double MaximumEuros = 20_000_000;

    private readonly ulong _seed;
    private readonly GrantTextComposer _text;
    private readonly ExchangeRates _rates;
    private readonly HrcsHealthCategories _categories;
    private readonly AliasTable _awardYears;
    private readonly AliasTable _recipientCounts = new([55, 18, 11, 7, 5, 4]);
    private readonly AliasTable _commonDurations = new([2, 3, 4, 1, 2]);
    private static readonly int[] CommonDurationMonths = [12, 24, 36, 48, 60];

    public GrantFactory(ulong seed)
    {
        _seed = seed;
        var identifiers = new OrganisationIdentifiers(seed);
        Funders = FunderCatalogue.Build(seed, identifiers);
        Organisations = OrganisationCatalogue.Build(seed, identifiers);
        _text = new GrantTextComposer(WordFrequencyTable.Load());
        _rates = ExchangeRates.Load();
        _categories = HrcsHealthCategories.Load();
        _awardYears = new AliasTable(AwardYearWeights());
    }

    public FunderCatalogue Funders { get; }
    public OrganisationCatalogue Organisations { get; }
    public ExchangeRates Rates => _rates;

    /// <summary>Grant counts grow 8% a year, as portfolios do; 2025 counts only its days up to the last award date.</summary>
    private static long[] AwardYearWeights()
    {
        var weights = new long[LastAwardDate.Year - FirstAwardDate.Year + 1];
        long weight = 1_000_000;
        for (var i = 0; i < weights.Length; i++, weight = weight * 108 / 100) weights[i] = weight;
        var lastYearDays = LastAwardDate.DayOfYear;
        weights[^1] = weights[^1] * lastYearDays / 365;
        return weights;
    }

    public void Fill(SyntheticGrant grant, long number)
    {
        var random = Xoshiro256StarStar.ForItem(_seed, stream: 0x6A7, item: (ulong)number);
        grant.Number = number;
        grant.Funder = Funders.Sample(ref random);
        grant.Programme = grant.Funder.Programmes[grant.Funder.ProgrammeSampler.Sample(ref random)];

        var year = FirstAwardDate.Year + _awardYears.Sample(ref random);
        var lastDay = year == LastAwardDate.Year ? LastAwardDate : new DateOnly(year, 12, 31);
        grant.AwardDate = new DateOnly(year, 1, 1).AddDays(random.Next(lastDay.DayOfYear));

        grant.Pathogen = random.Chance(PathogenTerms.ShareOfGrants) ? PathogenTerms.Sample(ref random, year) : null;
        _text.ComposeTitle(grant.Title, grant.Pathogen, ref random);
        _text.ComposeDescription(grant.Description, grant.Pathogen, ref random);

        ChooseRecipients(grant, ref random);
        PriceAward(grant, year, ref random);

        grant.PlannedStart = grant.AwardDate.AddDays(random.Next(181));
        grant.DurationMonths = random.Chance(0.6) ? CommonDurationMonths[_commonDurations.Sample(ref random)] : random.Between(6, 60);
        grant.PlannedEnd = grant.PlannedStart.AddMonths(grant.DurationMonths).AddDays(-1);

        grant.Category = grant.Pathogen is { } pathogen && random.Chance(0.8)
            ? (pathogen.Respiratory && random.Chance(0.3) ? _categories.Respiratory : _categories.Infection)
            : _categories.Sample(ref random);

        var modifiedDay = grant.AwardDate.AddDays(random.Next(541));
        if (modifiedDay > SnapshotDate) modifiedDay = SnapshotDate;
        grant.Modified = modifiedDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddSeconds(random.Next(86_400));
        grant.CallVariant = random.Next(48);
    }

    private void ChooseRecipients(SyntheticGrant grant, ref Xoshiro256StarStar random)
    {
        var count = 1 + _recipientCounts.Sample(ref random);
        // Funders mostly fund at home; partners often come from the lead's own country.
        var lead = random.Chance(0.6) ? Organisations.SampleIn(grant.Funder.Country, ref random) : Organisations.SampleAnywhere(ref random);
        grant.Recipients[0] = lead;
        grant.RecipientShares[0] = random.Between(3, 6);
        grant.RecipientCount = 1;
        grant.BeneficiaryCountries[0] = lead.Country;
        grant.BeneficiaryCount = 1;
        for (var attempt = 0; grant.RecipientCount < count && attempt < 4 * count; attempt++)
        {
            var partner = random.Chance(0.4) ? Organisations.SampleIn(lead.Country, ref random) : Organisations.SampleAnywhere(ref random);
            if (Array.IndexOf(grant.Recipients, partner, 0, grant.RecipientCount) >= 0) continue;
            grant.Recipients[grant.RecipientCount] = partner;
            grant.RecipientShares[grant.RecipientCount] = random.Between(1, 3);
            grant.RecipientCount++;
            if (grant.BeneficiaryCount < grant.BeneficiaryCountries.Length
                && Array.IndexOf(grant.BeneficiaryCountries, partner.Country, 0, grant.BeneficiaryCount) < 0)
                grant.BeneficiaryCountries[grant.BeneficiaryCount++] = partner.Country;
        }
    }

    /// <summary>
    /// Log-normal in euros (median 150k before size adjustments), converted at the award year's average rate and
    /// rounded as funders round: often to two or three significant figures, sometimes to the unit.
    /// </summary>
    private void PriceAward(SyntheticGrant grant, int year, ref Xoshiro256StarStar random)
    {
        // Consortia receive more; fellowships and seed awards less.
        var scale = (1 + 0.35 * (grant.RecipientCount - 1)) * grant.Programme.Kind switch
        {
            ProgrammeKind.Fellowship => 0.6,
            ProgrammeKind.Innovation => 0.5,
            _ => 1.0,
        };
        double euros;
        do
        {
            // Math.Exp is the one library maths call; a last-bit difference between platforms would only matter if it
            // moved a value across a rounding boundary below, which at these magnitudes is vanishingly rare.
            euros = scale * MedianEuros * Math.Exp(LogSpread * random.NextStandardNormal());
        } while (euros is < MinimumEuros or > MaximumEuros);

        grant.Currency = grant.Funder.Currency;
        var amount = (long)Math.Round((decimal)Math.Round(euros) * _rates.UnitsPerEuro(year, grant.Currency), MidpointRounding.ToEven);
        grant.AmountAwarded = random.Next(10) switch
        {
            < 4 => RoundToSignificantFigures(amount, 2),
            < 7 => RoundToSignificantFigures(amount, 3),
            _ => amount,
        };
        grant.TotalCostPercent = random.Chance(0.6) ? 100 : random.Between(105, 160);
    }

    private static long RoundToSignificantFigures(long value, int figures)
    {
        long limit = 1;
        for (var i = 0; i < figures; i++) limit *= 10;
        long unit = 1;
        while (value / unit >= limit) unit *= 10;
        return (value + unit / 2) / unit * unit;
    }
}
