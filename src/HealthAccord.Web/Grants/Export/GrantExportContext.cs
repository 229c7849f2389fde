using System.Text.Json;

namespace HealthAccord.Web.Grants.Export;

/// <summary>What every format's writer needs besides the grants themselves.</summary>
/// <param name="Query">The search being exported (the 360Giving package describes it).</param>
/// <param name="Names">Country, currency and HRCS names for the codes grants hold.</param>
/// <param name="Today">Decides which grants are live.</param>
/// <param name="GeneratedAt">When the export began (UTC).</param>
/// <param name="SiteRoot">The site's absolute address without a trailing slash, for links in files that leave the site.</param>
/// <param name="Json">The API's JSON settings, so the JSON export writes records exactly as the API does.</param>
/// <param name="Linker">The partnership rules, loaded once per export, so each record says why it is linked as its page does.</param>
public sealed record GrantExportContext(
    GrantSearchQuery Query,
    GrantReferenceNames Names,
    DateOnly Today,
    DateTime GeneratedAt,
    string SiteRoot,
    JsonSerializerOptions Json,
    Links.PartnershipLinker Linker);

/// <summary>
/// One chunk of grants in export order, with the org-id identifier chosen for each organisation they name (only
/// loaded for writers that use them).
/// </summary>
public sealed record GrantExportChunk(IReadOnlyList<FullGrantRow> Grants, IReadOnlyDictionary<int, string> OrganisationIdentifiers);
