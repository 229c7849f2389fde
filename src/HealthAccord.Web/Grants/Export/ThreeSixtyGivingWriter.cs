using System.Globalization;
using System.Text.Json;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// A 360Giving data package (<c>{"grants": [...]}</c>, standard 1.4) with the standard's field names, written grant by
/// grant. It is what <see cref="Import.ThreeSixtyGivingJsonReader"/> reads, so an export imports back as the same grants.
/// <para>
/// What the standard has no field for is left out: roles beyond the lead (the first recipient is the lead, as the
/// reader takes it), participants' shares, CORDIS calls and topics, euro amounts (recomputed on import) and
/// partnership links. HRCS categories and pathogen tags go into <c>classifications</c>, each under a vocabulary
/// naming where it comes from.
/// </para>
/// </summary>
public sealed class ThreeSixtyGivingWriter(Stream output, GrantExportContext context) : IGrantExportWriter
{
    public const string HrcsVocabulary = "HRCS Health Categories";
    public const string PathogenVocabulary = "HealthAccord pathogen tags";

    /// <summary>
    /// For organisations the registry holds no org-id identifier or ROR id for. Not an org-id list: it only fills the
    /// standard's required <c>id</c>, and lets a re-import of the file find the same organisation again.
    /// </summary>
    public const string OwnOrganisationPrefix = "healthaccord-organisation-";

    private static readonly Dictionary<string, string> PathogenNames =
        PathogenCatalogue.All.ToDictionary(p => p.Code, p => p.DisplayName, StringComparer.Ordinal);

    private readonly Utf8JsonWriter _json = new(output, ExportJson.WriterOptions);

    public bool UsesOrganisationIdentifiers => true;

    public ValueTask StartAsync(CancellationToken ct)
    {
        _json.WriteStartObject();
        // The package's own metadata first, so a reader sees what the file is before the grants.
        _json.WriteString("version", "1.4");
        _json.WriteString("title", "HealthAccord grants");
        _json.WriteString("description", GrantExportDescription.Of(context.Query) + ", from the HealthAccord registry.");
        _json.WriteString("modified", DateTimeText(context.GeneratedAt));
        _json.WriteStartObject("publisher");
        _json.WriteString("name", "HealthAccord");
        _json.WriteString("website", context.SiteRoot + "/");
        _json.WriteEndObject();
        _json.WriteStartArray("grants");
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(GrantExportChunk chunk, CancellationToken ct)
    {
        foreach (var grant in chunk.Grants) WriteGrant(grant, chunk.OrganisationIdentifiers);
        _json.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask FinishAsync(CancellationToken ct)
    {
        _json.WriteEndArray();
        _json.WriteEndObject();
        _json.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    private void WriteGrant(FullGrantRow g, IReadOnlyDictionary<int, string> identifiers)
    {
        _json.WriteStartObject();
        _json.WriteString("id", g.Identifier);
        _json.WriteString("title", g.Title);
        // Required by the standard; an empty text reads back as "no description".
        _json.WriteString("description", g.Description ?? "");
        _json.WriteString("currency", g.Currency);
        _json.WriteNumber("amountAwarded", g.AmountAwarded);
        _json.WriteString("awardDate", DateText(g.AwardDate));
        if (g.PlannedStart is not null || g.PlannedEnd is not null)
        {
            _json.WriteStartArray("plannedDates");
            _json.WriteStartObject();
            if (g.PlannedStart is { } start) _json.WriteString("startDate", DateText(start));
            if (g.PlannedEnd is { } end) _json.WriteString("endDate", DateText(end));
            _json.WriteEndObject();
            _json.WriteEndArray();
        }

        // An importer takes a grant's countries from its recipients' addresses when it names no beneficiary
        // location, so a grant the registry holds without countries is written without its recipients' countries:
        // otherwise importing the export would give it countries it does not have.
        var recipientCountries = g.Countries.Count > 0;
        _json.WriteStartArray("recipientOrganization");
        foreach (var recipient in g.Recipients) WriteOrganisation(recipient, identifiers, recipientCountries);
        _json.WriteEndArray();
        _json.WriteStartArray("fundingOrganization");
        foreach (var funder in g.Funders) WriteOrganisation(funder, identifiers, withCountry: true);
        _json.WriteEndArray();

        if (g.Countries.Count > 0)
        {
            _json.WriteStartArray("beneficiaryLocation");
            foreach (var code in g.Countries)
            {
                _json.WriteStartObject();
                _json.WriteString("name", context.Names.Countries.GetValueOrDefault(code, code));
                // The standard's code list is ISO 3166-1 alone; "EU" (the Union's own bodies) is named but not coded.
                if (code != "EU") _json.WriteString("countryCode", code);
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
        }

        if (g.Programme is not null)
        {
            _json.WriteStartArray("grantProgramme");
            _json.WriteStartObject();
            _json.WriteString("title", g.Programme);
            _json.WriteEndObject();
            _json.WriteEndArray();
        }

        if (g.Categories.Count > 0 || g.Pathogens.Count > 0)
        {
            _json.WriteStartArray("classifications");
            foreach (var code in g.Categories) WriteClassification(HrcsVocabulary, code, context.Names.HrcsLabel(code));
            foreach (var pathogen in g.Pathogens)
                WriteClassification(PathogenVocabulary, pathogen.Pathogen, PathogenNames.GetValueOrDefault(pathogen.Pathogen, pathogen.Pathogen));
            _json.WriteEndArray();
        }

        _json.WriteString("dateModified", DateTimeText(g.UpdatedAt));
        // dataSource must be a web address; a grant imported from a local file has only the file's name.
        if (Uri.TryCreate(g.SourceDataset, UriKind.Absolute, out var source) && (source.Scheme == Uri.UriSchemeHttps || source.Scheme == Uri.UriSchemeHttp))
            _json.WriteString("dataSource", source.AbsoluteUri);
        _json.WriteString("url", context.SiteRoot + g.Url);
        _json.WriteEndObject();
    }

    private void WriteOrganisation(FullGrantParticipant organisation, IReadOnlyDictionary<int, string> identifiers, bool withCountry)
    {
        _json.WriteStartObject();
        _json.WriteString("id", identifiers.GetValueOrDefault(organisation.OrganisationId) ?? FallbackIdentifier(organisation));
        _json.WriteString("name", organisation.Name);
        if (withCountry && organisation.CountryCode is { } country) _json.WriteString("addressCountry", country);
        _json.WriteEndObject();
    }

    private void WriteClassification(string vocabulary, string code, string title)
    {
        _json.WriteStartObject();
        _json.WriteString("vocabulary", vocabulary);
        _json.WriteString("code", code);
        _json.WriteString("title", title);
        _json.WriteEndObject();
    }

    /// <summary>The ROR id in org-id form where the registry knows it, else an identifier of the registry's own.</summary>
    public static string FallbackIdentifier(FullGrantParticipant organisation) =>
        organisation.RorId is { } ror ? "XI-ROR-" + ror : OwnOrganisationPrefix + organisation.OrganisationId.ToString(CultureInfo.InvariantCulture);

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DateTimeText(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
