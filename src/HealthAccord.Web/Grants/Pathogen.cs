namespace HealthAccord.Web.Grants;

/// <summary>A pathogen (or, for AMR, a cross-cutting threat) that grants can be tagged with.</summary>
/// <param name="Code">Stable lower-case code stored with each tag, e.g. <c>covid-19</c>.</param>
/// <param name="DisplayName">The name shown to readers.</param>
/// <param name="Family">The virus or bacterium family, for grouping.</param>
/// <param name="WhoBlueprint">On the WHO R&amp;D Blueprint list of priority diseases (the 2018 review, plus COVID-19).</param>
/// <param name="Rules">The rules that tag it, in the order they are tried.</param>
public sealed record Pathogen(string Code, string DisplayName, string Family, bool WhoBlueprint, IReadOnlyList<PathogenRule> Rules);
