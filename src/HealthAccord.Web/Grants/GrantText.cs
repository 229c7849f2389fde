namespace HealthAccord.Web.Grants;

/// <summary>The parts of a grant record the pathogen tagger reads.</summary>
/// <param name="Title">The grant's title.</param>
/// <param name="Description">The grant's description.</param>
/// <param name="ClassificationTitles">The titles of its 360Giving <c>classifications</c>.</param>
/// <param name="ProgrammeTitles">
/// The titles of its 360Giving <c>grantProgramme</c> entries. Funders often name the emergency fund there ("Sussex
/// Crisis Fund - COVID19") and nowhere else in the record.
/// </param>
/// <param name="AwardDate">
/// The award date. A few rules depend on it: "coronavirus" on its own means COVID-19 only from 2020 on.
/// </param>
public sealed record GrantText(
    string? Title,
    string? Description,
    IReadOnlyList<string>? ClassificationTitles = null,
    IReadOnlyList<string>? ProgrammeTitles = null,
    DateOnly? AwardDate = null);

/// <summary>Where in the grant a pathogen rule matched.</summary>
public enum GrantTextField
{
    Title,
    Description,
    Classification,
    Programme,
}
