namespace HealthAccord.Web.Grants;

/// <summary>
/// The outcome of converting a grant amount to euro with an ECB reference rate. When no rate applies,
/// <see cref="WhyNot"/> says why and the amounts are zero.
/// </summary>
public sealed record EurConversion
{
    /// <summary>The amount in euro, rounded to cents (midpoints away from zero).</summary>
    public decimal AmountEur { get; init; }

    /// <summary>Units of the currency per euro, as the ECB publishes it (1 for EUR).</summary>
    public decimal Rate { get; init; }

    /// <summary>The day the rate was published for: the award date, or the nearest earlier day with a quote.</summary>
    public DateOnly RateDate { get; init; }

    /// <summary>Null when the amount was converted; otherwise a sentence for the person importing the grant.</summary>
    public string? WhyNot { get; init; }

    public bool Succeeded => WhyNot is null;

    internal static EurConversion Failed(string reason) => new() { WhyNot = reason };
}
