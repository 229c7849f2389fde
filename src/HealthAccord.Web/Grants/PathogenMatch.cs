namespace HealthAccord.Web.Grants;

/// <summary>
/// One reason a grant was tagged with a pathogen: which rule matched, in which field, and the text it matched. Stored
/// tags keep the rule id so a tag can be explained, and re-checked when a rule changes.
/// </summary>
public sealed record PathogenMatch(string PathogenCode, string RuleId, GrantTextField Field, string MatchedText);
