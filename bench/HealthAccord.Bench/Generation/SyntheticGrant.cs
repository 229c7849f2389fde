namespace HealthAccord.Bench.Generation;

/// <summary>
/// One generated grant, format-neutral. A single instance is refilled for every grant so generation allocates almost
/// nothing per grant; writers must copy what they keep.
/// </summary>
internal sealed class SyntheticGrant
{
    public const int MaxRecipients = 6;

    /// <summary>1-based position in the run; grant N is the same in every run with the same seed, whatever the count.</summary>
    public long Number { get; set; }
    public Funder Funder { get; set; } = null!;
    public GrantProgramme Programme { get; set; } = null!;
    public TextBuffer Title { get; } = new();
    public TextBuffer Description { get; } = new();
    public PathogenTerm? Pathogen { get; set; }

    /// <summary>The first recipient leads (the CORDIS coordinator).</summary>
    public Organisation[] Recipients { get; } = new Organisation[MaxRecipients];
    public int RecipientCount { get; set; }

    /// <summary>Relative shares of the award per recipient; the lead's is largest.</summary>
    public int[] RecipientShares { get; } = new int[MaxRecipients];

    public Country[] BeneficiaryCountries { get; } = new Country[3];
    public int BeneficiaryCount { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>Whole units of <see cref="Currency"/>.</summary>
    public long AmountAwarded { get; set; }

    /// <summary>Total project cost as a percentage of the award (CORDIS totalCost); 100 when the funder pays everything.</summary>
    public int TotalCostPercent { get; set; }

    public DateOnly AwardDate { get; set; }
    public DateOnly PlannedStart { get; set; }
    public DateOnly PlannedEnd { get; set; }
    public int DurationMonths { get; set; }
    public HrcsHealthCategory Category { get; set; } = null!;
    public DateTime Modified { get; set; }

    /// <summary>Spreads grants of one year over several CORDIS calls and topics.</summary>
    public int CallVariant { get; set; }
}
