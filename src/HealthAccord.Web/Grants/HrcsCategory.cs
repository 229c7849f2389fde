namespace HealthAccord.Web.Grants;

/// <summary>One of the 21 HRCS Health Categories (UKCRC Health Research Classification System).</summary>
/// <param name="Code">Three digits, <c>000</c> (Blood) to <c>020</c> (Injuries and Accidents), as in the shipped file.</param>
/// <param name="Label">The English label, e.g. "Infection".</param>
public sealed record HrcsCategory(string Code, string Label);
