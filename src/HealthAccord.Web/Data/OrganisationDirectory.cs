using System.Text.RegularExpressions;
using HealthAccord.Data.Common;
using HealthAccord.Data.Reference;
using HealthAccord.Data.Registry;

namespace HealthAccord.Web.Data;

/// <summary>
/// Turns the member names of the compiled lists into one organisation each. The curated organisations.csv lists,
/// for each organisation, every spelling the lists use; names it does not cover become organisations of their own.
/// </summary>
internal sealed partial class OrganisationDirectory
{
    private readonly Dictionary<string, Organisation> _byAlias = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Organisation> _all = [];
    private readonly Dictionary<string, Country> _countries;

    public OrganisationDirectory(Dictionary<string, Country> countries)
    {
        _countries = countries;
        if (!SeedFiles.Exists("organisations.csv")) return;
        foreach (var row in SeedFiles.ReadCsv("organisations.csv"))
        {
            var ror = RorId.TryNormalise(row.GetValueOrDefault("ror_id"), out var id) ? id : null;
            var country = row.GetValueOrDefault("country_iso2").NullIfEmpty();
            var organisation = new Organisation
            {
                Name = row["name"],
                Acronym = row.GetValueOrDefault("acronym").NullIfEmpty(),
                Type = Enum.TryParse<OrganisationType>(row.GetValueOrDefault("type"), out var type) ? type : OrganisationType.Other,
                CountryCode = country is not null && countries.ContainsKey(country) ? country : null,
                RorId = ror,
                Website = row.GetValueOrDefault("website").NullIfEmpty(),
                Sources = RegistrySeeder.Sources(row.GetValueOrDefault("source_url", ""), ror is null ? null : "Research Organization Registry", null),
            };
            _all.Add(organisation);
            _byAlias[organisation.Name] = organisation;
            foreach (var alias in row.GetValueOrDefault("aliases", "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                _byAlias[alias] = organisation;
        }
    }

    public IReadOnlyList<Organisation> All => _all;

    public Organisation Resolve(string memberName, string memberKind, string? countryCode, List<SourceReference> sources)
    {
        if (_byAlias.TryGetValue(memberName, out var known))
        {
            if (known.Sources.Count == 0) known.Sources = [.. sources];
            return known;
        }
        var created = new Organisation
        {
            Name = memberName,
            Type = GuessType(memberKind),
            CountryCode = countryCode is not null && _countries.ContainsKey(countryCode) ? countryCode : null,
            Sources = [.. sources],
        };
        _all.Add(created);
        _byAlias[memberName] = created;
        return created;
    }

    private static OrganisationType GuessType(string memberKind) => memberKind.ToLowerInvariant() switch
    {
        var k when k.Contains("funding", StringComparison.Ordinal) || k.Contains("funder", StringComparison.Ordinal) => OrganisationType.Funder,
        var k when k.Contains("ministry", StringComparison.Ordinal) || k.Contains("government", StringComparison.Ordinal) => OrganisationType.GovernmentBody,
        var k when k.Contains("international", StringComparison.Ordinal) => OrganisationType.InternationalOrganisation,
        _ => OrganisationType.Other,
    };

    [GeneratedRegex(@"\(.*?\)")]
    private static partial Regex Parenthetical();

    /// <summary>
    /// An agreement party: a registry organisation when its name is known, the EU or a country when the name
    /// contains one ("Government of Japan"), and otherwise the name alone.
    /// </summary>
    public AgreementParty MatchParty(string name, List<Country> countries)
    {
        var party = new AgreementParty { Name = name };
        var bare = Parenthetical().Replace(name, "").Trim();
        if (_byAlias.TryGetValue(name, out var organisation) || _byAlias.TryGetValue(bare, out organisation))
        {
            party.Organisation = organisation;
            return party;
        }
        if (Regex.IsMatch(bare, @"^(European Community|European Union|European Communities)\b"))
        {
            party.CountryCode = "EU";
            return party;
        }
        var country = countries
            .Where(c => !c.IsSupranational && Regex.IsMatch(bare, $@"\b{Regex.Escape(c.Name)}\b"))
            .OrderByDescending(c => c.Name.Length)
            .FirstOrDefault();
        if (country is not null && bare.Length <= country.Name.Length + 40) party.CountryCode = country.Code;
        return party;
    }
}
