using System.Text;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Links the funders and recipients an import names to registry organisations: first by org-id identifier
/// (GB-CHC-…, XI-ROR-…), then by ROR id, then by normalised name. A name nothing matches becomes a new organisation
/// flagged for review, remembered so the rest of the file reuses it.
/// </summary>
internal sealed class OrganisationMatcher
{
    /// <summary>An organisation that either exists (Id) or is waiting to be inserted with the current batch.</summary>
    private sealed class Handle
    {
        public int Id { get; set; }
        public Organisation? Pending { get; set; }
    }

    private readonly Dictionary<string, Handle> _byIdentifier = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Handle> _byRor = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Handle> _byName = new(StringComparer.Ordinal);
    private readonly HashSet<string> _countries;
    private readonly List<Handle> _pending = [];

    public int Created { get; private set; }

    private OrganisationMatcher(HashSet<string> countries) => _countries = countries;

    public static async Task<OrganisationMatcher> LoadAsync(HealthAccordDbContext db, HashSet<string> countries, CancellationToken ct)
    {
        var matcher = new OrganisationMatcher(countries);
        foreach (var o in await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.RorId }).ToListAsync(ct))
        {
            var handle = new Handle { Id = o.Id };
            matcher._byName.TryAdd(Normalise(o.Name), handle);
            if (o.RorId is not null) matcher._byRor[o.RorId] = handle;
        }
        foreach (var i in await db.OrganisationIdentifiers.AsNoTracking().Select(i => new { i.Value, i.OrganisationId }).ToListAsync(ct))
            matcher._byIdentifier[i.Value] = new Handle { Id = i.OrganisationId };
        return matcher;
    }

    /// <summary>Sets the organisation of <paramref name="participant"/>, creating one when nothing matches.</summary>
    public void Link(HealthAccordDbContext db, GrantParticipant participant, OrganisationRef reference, string dataset)
    {
        var identifier = string.IsNullOrWhiteSpace(reference.Identifier) ? null : reference.Identifier.Trim();
        var name = Normalise(reference.Name);
        var handle = (identifier is null ? null : _byIdentifier.GetValueOrDefault(identifier))
            ?? (RorFromIdentifier(identifier) is { } ror ? _byRor.GetValueOrDefault(ror) : null)
            ?? _byName.GetValueOrDefault(name);

        if (handle is null)
        {
            var country = reference.CountryCode?.ToUpperInvariant();
            var organisation = new Organisation
            {
                Name = reference.Name.Trim(),
                Type = reference.Role == OrganisationRole.Funder ? OrganisationType.Funder : OrganisationType.Other,
                CountryCode = country is not null && _countries.Contains(country) ? country : null,
                RorId = RorFromIdentifier(identifier) is { } newRor && !_byRor.ContainsKey(newRor) ? newRor : null,
                NeedsReview = true,
                Sources = [new HealthAccord.Data.Common.SourceReference { Url = "urn:dataset:" + Uri.EscapeDataString(dataset), Title = $"Named in {dataset}" }],
            };
            db.Organisations.Add(organisation);
            handle = new Handle { Pending = organisation };
            _pending.Add(handle);
            _byName[name] = handle;
            if (organisation.RorId is not null) _byRor[organisation.RorId] = handle;
            Created++;
        }

        if (identifier is not null && !_byIdentifier.ContainsKey(identifier))
        {
            // Remember the identifier under which this dataset knows the organisation, for the next import.
            var entry = new OrganisationIdentifier { Value = identifier };
            if (handle.Pending is { } pending) pending.Identifiers.Add(entry);
            else
            {
                entry.OrganisationId = handle.Id;
                db.OrganisationIdentifiers.Add(entry);
            }
            _byIdentifier[identifier] = handle;
        }

        if (handle.Pending is { } created) participant.Organisation = created;
        else participant.OrganisationId = handle.Id;
    }

    /// <summary>After a batch is saved its new organisations have ids; later batches refer to them by id.</summary>
    public void Saved()
    {
        foreach (var handle in _pending)
        {
            handle.Id = handle.Pending!.Id;
            handle.Pending = null;
        }
        _pending.Clear();
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
