using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>Re-applying the rules to stored grants: links added and removed, the index following, reasons shown.</summary>
public sealed class GrantPartnershipRelinkerTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Relinking_adds_and_removes_links_reindexes_the_changed_grants_and_is_then_a_no_op()
    {
        Dictionary<string, long> ids = [];
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            ids["ebola"] = (await new GrantBuilder("LINK-1", "Ebola vaccine cold chain").Funder("Research Council of Norway")
                .Pathogens("ebola").SaveAsync(db, Ct)).Id;
            ids["stale"] = (await new GrantBuilder("LINK-2", "Soil chemistry of alpine meadows").Funder("Research Council of Norway")
                .Partnerships("hfsp").SaveAsync(db, Ct)).Id;
            ids["none"] = (await new GrantBuilder("LINK-3", "Ebola survivors' follow-up").Funder("A funder outside every partnership", "NZ")
                .Pathogens("ebola").SaveAsync(db, Ct)).Id;
            await scope.ServiceProvider.GetRequiredService<GrantIndex>().IndexGrantsAsync(ids.Values, Ct);
        }

        var first = await RelinkAsync();
        var second = await RelinkAsync();

        Assert.Equal(3, first.Grants);
        Assert.Equal(2, first.Changed);
        Assert.Equal(1, first.Links);
        Assert.Equal(0, second.Changed);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var links = await db.Grants.Where(g => ids.Values.Contains(g.Id))
                .Select(g => new { g.Id, Slugs = g.Partnerships.Select(p => p.Slug).ToList(), g.Version }).ToListAsync(Ct);
            Assert.Equal(["glopid-r"], links.Single(l => l.Id == ids["ebola"]).Slugs);
            Assert.Empty(links.Single(l => l.Id == ids["stale"]).Slugs);
            Assert.Empty(links.Single(l => l.Id == ids["none"]).Slugs);
            Assert.All(links, l => Assert.Equal(1, l.Version));
        }

        var client = factory.CreateClient();
        var search = JsonNode.Parse(await client.GetStringAsync("/api/v1/grants?partnership=glopid-r", Ct))!;
        Assert.Equal([ids["ebola"]], search["items"]!.AsArray().Select(i => (long)i!["id"]!));
        var stale = JsonNode.Parse(await client.GetStringAsync("/api/v1/grants?partnership=hfsp", Ct))!;
        Assert.Equal(0, (int)stale["total"]!);

        var detail = JsonNode.Parse(await client.GetStringAsync($"/api/v1/grants/{ids["ebola"]}", Ct))!;
        var partnership = detail["partnerships"]!.AsArray().Single()!;
        Assert.Equal("Funded by Research Council of Norway, a member of GloPID-R; tagged with Ebola virus disease.", (string)partnership["reason"]!);
        var page = await client.GetStringAsync($"/grants/{ids["ebola"]}", Ct);
        Assert.Contains("a member of GloPID-R; tagged with Ebola virus disease.", page, StringComparison.Ordinal);
    }

    private async Task<RelinkResult> RelinkAsync()
    {
        using var scope = factory.Services.CreateScope();
        var relinker = ActivatorUtilities.CreateInstance<GrantPartnershipRelinker>(scope.ServiceProvider);
        return await relinker.RunAsync(null, Ct);
    }
}
