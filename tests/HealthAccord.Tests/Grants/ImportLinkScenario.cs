using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.Grants.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// An import links its grants to partnerships by the rules, as <c>relink</c> would: run on SQLite (prepared
/// statements) and on PostgreSQL (EF Core), whose stores write the links differently.
/// </summary>
public static class ImportLinkScenario
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task RunAsync(HealthAccordFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string Id(string name) => $"LINK-IMPORT-{tag}-{name}";

        // A grant held before the import, linked to a partnership its text and funder do not earn: the file's
        // version of it must lose that link.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var stale = await new GrantBuilder(Id("stale"), "Soil chemistry of alpine meadows").Funder("Research Council of Norway")
                .Partnerships("hfsp").SaveAsync(db, Ct);
            await scope.ServiceProvider.GetRequiredService<GrantIndex>().IndexGrantsAsync([stale.Id], Ct);
        }

        var outcome = await ImportAsync(factory,
            Grant(tag, Id("member"), "Ebola vaccine cold chain", "Research Council of Norway"),
            Grant(tag, Id("named"), "A GACD study of hypertension in primary care", $"Foundation {tag}"),
            Grant(tag, Id("outside"), "Ebola survivors' follow-up", $"Foundation {tag}"),
            Grant(tag, Id("stale"), "Soil chemistry of alpine meadows", "Research Council of Norway"));
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Issues.Select(i => $"{i.Field}: {i.Reason}")));

        var links = await LinksAsync(factory, tag);
        Assert.Equal(["glopid-r"], links[Id("member")]);
        Assert.Equal(["gacd"], links[Id("named")]);
        Assert.Empty(links[Id("outside")]);
        Assert.Empty(links[Id("stale")]);

        // The index shows the links the database holds.
        var client = factory.CreateClient();
        var glopid = JsonNode.Parse(await client.GetStringAsync($"/api/v1/grants?partnership=glopid-r&q={tag}", Ct))!;
        Assert.Equal([Id("member")], glopid["items"]!.AsArray().Select(i => (string)i!["identifier"]!));
        var hfsp = JsonNode.Parse(await client.GetStringAsync($"/api/v1/grants?partnership=hfsp", Ct))!;
        Assert.Equal(0, (int)hfsp["total"]!);

        // What the grant's page explains comes from the same rules.
        var member = await client.GetStringAsync($"/api/v1/grants/{await GrantIdAsync(factory, Id("member"))}", Ct);
        Assert.Equal("Funded by Research Council of Norway, a member of GloPID-R; tagged with Ebola virus disease.",
            (string)JsonNode.Parse(member)!["partnerships"]!.AsArray().Single()!["reason"]!);

        using (var scope = factory.Services.CreateScope())
        {
            var relinker = ActivatorUtilities.CreateInstance<GrantPartnershipRelinker>(scope.ServiceProvider);
            var relink = await relinker.RunAsync(null, Ct);
            Assert.Equal(0, relink.Changed);
        }
        Assert.Equal(links, await LinksAsync(factory, tag));
    }

    private static JsonObject Grant(string tag, string id, string title, string funder)
    {
        var grant = GrantFiles.ValidGrant(id);
        grant["title"] = title;
        // The tag in the description lets a search find this run's grants only.
        grant["description"] = $"Batch {tag}.";
        grant["fundingOrganization"] = new JsonArray(new JsonObject { ["id"] = "XX-TEST-" + funder.Replace(' ', '-'), ["name"] = funder });
        return grant;
    }

    private static async Task<GrantImportOutcome> ImportAsync(HealthAccordFactory factory, params JsonObject[] grants)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), factory.Clock,
            scope.ServiceProvider.GetRequiredService<GrantIndex>());
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(GrantFiles.Package(grants))),
            new GrantReadOptions { DatasetName = "links.json" }, Ct);
        return await importer.ImportAsync(rows, new GrantImportOptions("links.json", "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false), null, Ct);
    }

    private static async Task<Dictionary<string, List<string>>> LinksAsync(HealthAccordFactory factory, string tag)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var grants = await db.Grants.AsNoTracking().Where(g => g.Identifier.StartsWith($"LINK-IMPORT-{tag}-"))
            .Select(g => new { g.Identifier, Slugs = g.Partnerships.OrderBy(p => p.Slug).Select(p => p.Slug).ToList() }).ToListAsync(Ct);
        return grants.ToDictionary(g => g.Identifier, g => g.Slugs);
    }

    private static async Task<long> GrantIdAsync(HealthAccordFactory factory, string identifier)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Grants.Where(g => g.Identifier == identifier)
            .Select(g => g.Id).SingleAsync(Ct);
    }
}
