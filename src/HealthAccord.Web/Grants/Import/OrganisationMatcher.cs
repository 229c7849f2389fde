using System.Text;
using HealthAccord.Data;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Links the funders and recipients an import names to registry organisations: first by org-id identifier
/// (GB-CHC-…, XI-ROR-…), then by ROR id, then by normalised name. A name nothing matches becomes a new organisation
/// flagged for review, remembered so the rest of the file reuses it. The matcher decides; a store writes what it
/// decided (<see cref="OrganisationHandle.ToCreate"/>, and the identifiers listed on each grant).
/// </summary>
internal sealed class OrganisationMatcher
{
    private readonly Dictionary<string, OrganisationHandle> _byIdentifier = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, OrganisationHandle> _byRor = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, OrganisationHandle> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _countries;

    public int Created { get; private set; }

    private OrganisationMatcher(HashSet<string> countries) => _countries = countries;

    public static async Task<OrganisationMatcher> LoadAsync(HealthAccordDbContext db, HashSet<string> countries, CancellationToken ct)
    {
        var matcher = new OrganisationMatcher(countries);
        var byId = new Dictionary<int, OrganisationHandle>();
        await foreach (var o in db.Organisations.AsNoTracking().OrderBy(o => o.Id)
                           .Select(o => new { o.Id, o.Name, o.RorId, o.CountryCode, o.Type }).AsAsyncEnumerable().WithCancellation(ct))
        {
            var handle = new OrganisationHandle(o.Id, o.Name, o.CountryCode, o.Type);
            byId.Add(o.Id, handle);
            matcher._byName.TryAdd(Normalise(o.Name), handle);
            if (o.RorId is not null) matcher._byRor[o.RorId] = handle;
        }
        await foreach (var i in db.OrganisationIdentifiers.AsNoTracking().Select(i => new { i.Value, i.OrganisationId })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (byId.TryGetValue(i.OrganisationId, out var handle)) matcher._byIdentifier[i.Value] = handle;
        }
        return matcher;
    }

    /// <summary>
    /// The organisation <paramref name="reference"/> names, creating one when nothing matches. An identifier the
    /// registry did not know yet is added to <paramref name="newIdentifiers"/> for the store to record.
    /// </summary>
    public OrganisationHandle Match(OrganisationRef reference, List<NewOrganisationIdentifier> newIdentifiers)
    {
        var identifier = string.IsNullOrWhiteSpace(reference.Identifier) ? null : reference.Identifier.Trim();
        var ror = RorFromIdentifier(identifier);
        // The name is normalised only when the identifiers do not decide: after its first grant, an organisation of a
        // file with identifiers is found by its identifier, and normalising a name is the costliest step here.
        string? name = null;
        var handle = (identifier is null ? null : _byIdentifier.GetValueOrDefault(identifier))
            ?? (ror is null ? null : _byRor.GetValueOrDefault(ror))
            ?? _byName.GetValueOrDefault(name = Normalise(reference.Name));

        if (handle is null)
        {
            var country = reference.CountryCode?.ToUpperInvariant();
            handle = new OrganisationHandle(new NewOrganisation(
                reference.Name.Trim(),
                reference.Role == OrganisationRole.Funder ? OrganisationType.Funder : OrganisationType.Other,
                country is not null && _countries.Contains(country) ? country : null,
                ror is not null && !_byRor.ContainsKey(ror) ? ror : null));
            _byName[name!] = handle;
            if (handle.ToCreate!.RorId is { } newRor) _byRor[newRor] = handle;
            Created++;
        }

        if (identifier is not null && !_byIdentifier.ContainsKey(identifier))
        {
            // Remember the identifier under which this dataset knows the organisation, for the next import.
            newIdentifiers.Add(new NewOrganisationIdentifier(identifier, handle));
            _byIdentifier[identifier] = handle;
        }
        return handle;
    }

    private static string? RorFromIdentifier(string? identifier) =>
        identifier is not null && identifier.StartsWith("XI-ROR-", StringComparison.OrdinalIgnoreCase)
        && RorId.TryNormalise(identifier[7..], out var ror) ? ror : null;

    /// <summary>"Big Give Trust, The" and "the big-give trust" both become "big give trust".</summary>
    internal static string Normalise(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKC))
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w != "the");
        return string.Join(' ', words);
    }
}
