namespace HealthAccord.Web.Organisations;

/// <summary>One side (funding or receiving) of an organisation's grants by year, as the page's table shows it.</summary>
/// <param name="Id">Prefix for element ids, unique on the page.</param>
/// <param name="Caption">The table's caption.</param>
/// <param name="Years">The years to show, oldest first.</param>
/// <param name="SearchUrl">The grant search for this side; each year links to it narrowed to that year.</param>
public sealed record GrantYearTableModel(string Id, string Caption, IReadOnlyList<GrantYearTotal> Years, string SearchUrl);
