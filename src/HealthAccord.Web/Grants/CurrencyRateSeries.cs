namespace HealthAccord.Web.Grants;

/// <summary>
/// One currency's ECB quotes in date order. Two parallel arrays rather than a list of pairs keep the dates contiguous
/// for the binary search and make loading a copy of two buffers.
/// </summary>
internal sealed class CurrencyRateSeries
{
    private readonly DateOnly[] dates;
    private readonly decimal[] rates;

    public CurrencyRateSeries(string currency, DateOnly[] dates, decimal[] rates)
    {
        if (dates.Length == 0) throw new ArgumentException($"No quotes for {currency}.", nameof(dates));
        if (dates.Length != rates.Length) throw new ArgumentException("Dates and rates differ in length.", nameof(rates));
        Currency = currency;
        this.dates = dates;
        this.rates = rates;
        Array.Sort(this.dates, this.rates);
    }

    public string Currency { get; }

    public DateOnly FirstDate => dates[0];

    public DateOnly LastDate => dates[^1];

    public int Count => dates.Length;

    /// <summary>The quote published on <paramref name="date"/> or, failing that, the latest one before it.</summary>
    public bool TryFindOnOrBefore(DateOnly date, out DateOnly rateDate, out decimal rate)
    {
        var index = Array.BinarySearch(dates, date);
        if (index < 0) index = ~index - 1;
        if (index < 0)
        {
            rateDate = default;
            rate = 0;
            return false;
        }
        rateDate = dates[index];
        rate = rates[index];
        return true;
    }
}
