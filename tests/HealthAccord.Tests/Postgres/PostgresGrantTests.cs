using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Postgres;

/// <summary>
/// The portfolio's database queries on PostgreSQL: grant detail, search hydration, an organisation's totals by year
/// (date parts and decimal sums translate differently there) and relinking. Skipped when no server is configured.
/// </summary>
public sealed class PostgresGrantTests : IAsyncLifetime
{
    private PostgresFactory? _factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        if (PostgresFactory.IsConfigured) _factory = new PostgresFactory();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
    }

    private PostgresFactory Factory
    {
        get
        {
            if (_factory is null) Assert.Skip($"No PostgreSQL server: set {PostgresFactory.EnvironmentVariable} (./test.sh starts one).");
            return _factory;
        }
    }

    [Fact]
    public async Task Grants_are_searched_shown_totalled_by_year_and_linked_on_postgresql()
    {
        var factory = Factory;
        var client = factory.CreateClient();
        long ebola;
        int rcn;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            ebola = (await new GrantBuilder("PG-1", "Ebola vaccine cold chain").Funder("Research Council of Norway")
                .Recipient("University of Bergen", "NO").Pathogens("ebola").Hrcs("018").Countries("NO")
                .Amount(1_000_000m, "NOK", 87_500.25m).Awarded(new DateOnly(2023, 4, 2)).SaveAsync(db, Ct)).Id;
            var second = (await new GrantBuilder("PG-2", "Lassa fever diagnostics").Funder("Research Council of Norway")
                .Recipient("University of Bergen", "NO").Pathogens("lassa").Amount(50_000m, "EUR", 50_000m)
                .Awarded(new DateOnly(2023, 9, 30)).SaveAsync(db, Ct)).Id;
            var third = (await new GrantBuilder("PG-3", "Sleep and memory").Funder("Research Council of Norway")
                .Amount(10_000m, "XAF", null).Awarded(new DateOnly(2025, 1, 5)).SaveAsync(db, Ct)).Id;
            await scope.ServiceProvider.GetRequiredService<GrantIndex>().IndexGrantsAsync([ebola, second, third], Ct);
            rcn = await db.Organisations.Where(o => o.Name == "Research Council of Norway").Select(o => o.Id).SingleAsync(Ct);

            var relinked = await ActivatorUtilities.CreateInstance<GrantPartnershipRelinker>(scope.ServiceProvider).RunAsync(null, Ct);
            Assert.Equal(2, relinked.Changed);
        }

        var search = JsonNode.Parse(await client.GetStringAsync("/api/v1/grants?q=ebola&partnership=glopid-r", Ct))!;
        Assert.Equal([ebola], search["items"]!.AsArray().Select(i => (long)i!["id"]!));

        var detail = JsonNode.Parse(await client.GetStringAsync($"/api/v1/grants/{ebola}", Ct))!;
        Assert.Equal("University of Bergen", (string)detail["participants"]![1]!["name"]!);
        Assert.Equal("Ebola virus disease", (string)detail["pathogens"]![0]!["name"]!);
        Assert.StartsWith("Funded by Research Council of Norway", (string)detail["partnerships"]![0]!["reason"]!, StringComparison.Ordinal);

        var totals = JsonNode.Parse(await client.GetStringAsync($"/api/v1/organisations/{rcn}/grant-totals", Ct))!;
        var years = totals["asFunder"]!.AsArray().Select(y => ((int)y!["year"]!, (int)y["grants"]!, (decimal)y["amountEur"]!, (int)y["grantsWithoutEur"]!));
        Assert.Equal([(2023, 2, 137_500.25m, 0), (2025, 1, 0m, 1)], years);
    }
}
