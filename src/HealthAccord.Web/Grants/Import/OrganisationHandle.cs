using HealthAccord.Data.Registry;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// An organisation a grant names, as the import sees it: one the database already holds (its <see cref="Id"/> is
/// known from the start), or one this import creates (<see cref="ToCreate"/> is set until a store has inserted it and
/// filled in the id). The name and country are the registry's, which is what the search index shows.
/// </summary>
/// <remarks>
/// Only the thread that writes to the database reads or sets <see cref="Id"/> and <see cref="ToCreate"/>. Grants
/// reach that thread in file order, so the first grant naming a new organisation is always stored before the later
/// ones that reuse it.
/// </remarks>
internal sealed class OrganisationHandle
{
    public OrganisationHandle(int id, string name, string? countryCode, OrganisationType type)
    {
        Id = id;
        RegistryId = id;
        Name = name;
        CountryCode = countryCode;
        Type = type;
    }

    public OrganisationHandle(NewOrganisation toCreate)
    {
        ToCreate = toCreate;
        Name = toCreate.Name;
        CountryCode = toCreate.CountryCode;
        Type = toCreate.Type;
    }

    /// <summary>0 until a store has inserted a new organisation.</summary>
    public int Id { get; set; }

    /// <summary>
    /// The id the registry held before this import, or 0 for an organisation the import creates. Unlike
    /// <see cref="Id"/> it never changes, so any thread may read it: the partnership rules do, while preparing a grant.
    /// </summary>
    public int RegistryId { get; }

    public string Name { get; }

    public OrganisationType Type { get; }

    public string? CountryCode { get; }

    /// <summary>What to insert, for an organisation no registry record matched; cleared once inserted.</summary>
    public NewOrganisation? ToCreate { get; set; }

    /// <summary>Set by the EF store while the new organisation waits for its batch to be saved.</summary>
    public Organisation? PendingEntity { get; set; }
}

/// <summary>An organisation to be created by the import and flagged for review.</summary>
internal sealed record NewOrganisation(string Name, OrganisationType Type, string? CountryCode, string? RorId);

/// <summary>An org-id identifier to remember for an organisation, so the next import matches it directly.</summary>
internal sealed record NewOrganisationIdentifier(string Value, OrganisationHandle Organisation);
