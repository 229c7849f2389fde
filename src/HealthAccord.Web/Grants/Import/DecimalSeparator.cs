namespace HealthAccord.Web.Grants.Import;

/// <summary>How a text amount marks its decimals. Thousands separators are never accepted: "1.234,56" is an error.</summary>
public enum DecimalSeparator
{
    Point,
    Comma,

    /// <summary>Decide per value, for files whose vintages differ (CORDIS): a comma without a point is a decimal comma.</summary>
    Detect,
}
