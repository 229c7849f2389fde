namespace HealthAccord.Bench.Generation;

/// <summary>A synthetic funder. Its currency follows its country, so most grants are in GBP, EUR or USD.</summary>
/// <param name="IdPrefix">The 360Giving grant id prefix, like "360G-wolfson" for the Wolfson Foundation.</param>
/// <param name="ProgrammeSampler">Picks among its programmes, the first ones most often.</param>
internal sealed record Funder(
    string OrgId, string Name, string IdPrefix, Country Country, string Currency, GrantProgramme[] Programmes, AliasTable ProgrammeSampler);
