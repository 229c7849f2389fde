namespace HealthAccord.Web.Pathogens;

/// <summary>One breakdown of a briefing as its table shows it.</summary>
/// <param name="Id">Prefix for element ids, unique on the page.</param>
/// <param name="Caption">The table's caption.</param>
/// <param name="KeyHeading">The heading of the first column (Country, Funder, …).</param>
/// <param name="Breakdown">The rows.</param>
/// <param name="WithoutValue">What the grants with no value of this kind are called, e.g. "no research country recorded".</param>
public sealed record BriefingTableModel(string Id, string Caption, string KeyHeading, BriefingBreakdown Breakdown, string WithoutValue);
