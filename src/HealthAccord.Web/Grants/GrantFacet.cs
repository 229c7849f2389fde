namespace HealthAccord.Web.Grants;

/// <summary>
/// A facet of the grant search: the query parameter that filters by it (and names it in the API's facets), the
/// index field holding its values, and the words the page uses for it.
/// </summary>
public sealed class GrantFacet
{
    private GrantFacet(string key, string field, string legend)
    {
        Key = key;
        Field = field;
        Legend = legend;
    }

    /// <summary>The query parameter and the property name in the API's <c>facets</c>.</summary>
    public string Key { get; }

    public string Field { get; }

    public string Legend { get; }

    public static readonly GrantFacet Funder = new("funder", "funder", "Funder");
    public static readonly GrantFacet Recipient = new("recipient", "recipient", "Recipient");

    /// <summary>Countries of the recipient organisations (not the grant's beneficiary countries).</summary>
    public static readonly GrantFacet Country = new("country", "recipientCountry", "Recipient's country");
    public static readonly GrantFacet Year = new("year", "year", "Award year");
    public static readonly GrantFacet Currency = new("currency", "currency", "Award currency");
    public static readonly GrantFacet AmountBand = new("amountBand", "amountBand", "Amount in euros");
    public static readonly GrantFacet Partnership = new("partnership", "partnership", "Partnership");
    public static readonly GrantFacet Pathogen = new("pathogen", "pathogen", "Pathogen");
    public static readonly GrantFacet Hrcs = new("hrcs", "hrcs", "Health category (HRCS)");

    /// <summary>In the order the page shows them.</summary>
    public static readonly IReadOnlyList<GrantFacet> All =
        [Funder, Recipient, Country, Year, AmountBand, Currency, Partnership, Pathogen, Hrcs];

    public override string ToString() => Key;
}
