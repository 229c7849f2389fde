using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Countries;

/// <summary>/countries/{code}: a country's organisations, the seats it or its organisations hold, and the agreements it is party to.</summary>
public sealed class DetailsModel(HealthAccordDbContext db) : PageModel
{
    public CountryDetail Country { get; private set; } = null!;

    public string ApiUrl => $"/api/v1/countries/{Country.Code.ToLowerInvariant()}";

    public int PartnershipCount => Country.Memberships.Select(m => m.PartnershipSlug).Distinct().Count();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var detail = await CountryQueries.DetailAsync(db, code, ct);
        if (detail is null) return NotFound();
        Country = detail;
        return Page();
    }

    public JsonObject StructuredData()
    {
        var c = Country;
        var pageUrl = JsonLd.AbsoluteUrl(Request, $"/countries/{c.Code.ToLowerInvariant()}");
        return JsonLd.Node(c.IsSupranational ? "AdministrativeArea" : "Country", withContext: true)
            .Set("@id", pageUrl)
            .Set("name", c.Name)
            .Set("url", pageUrl)
            .Set("identifier", JsonLd.Array([
                JsonLd.Node("PropertyValue").Set("propertyID", "ISO 3166-1 alpha-2").Set("value", c.Code),
                JsonLd.Node("PropertyValue").Set("propertyID", "ISO 3166-1 alpha-3").Set("value", c.Alpha3),
            ]))
            .Set("containedInPlace", c.Region is null ? null : JsonLd.Node("Place").Set("name", c.Region));
    }
}
