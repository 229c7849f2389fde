using System.Globalization;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Pathogens;

/// <summary>
/// The same briefing on PostgreSQL, where grouping by year, summing numerics and ordering by amount translate
/// differently. Skipped when no server is configured.
/// </summary>
public sealed class PostgresPathogenBriefingTests : IAsyncLifetime
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
    public async Task The_briefing_has_the_same_figures_on_postgresql()
    {
        var factory = Factory;
        var client = factory.CreateClient();
        var ids = await BriefingPortfolio.SeedAsync(factory.Services, Ct);
        string wellcome, rcn;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            wellcome = (await db.Organisations.SingleAsync(o => o.Name == BriefingPortfolio.Wellcome, Ct)).Id.ToString(CultureInfo.InvariantCulture);
            rcn = (await db.Organisations.SingleAsync(o => o.Name == BriefingPortfolio.Rcn, Ct)).Id.ToString(CultureInfo.InvariantCulture);
        }

        BriefingExpectations.AssertMarburg(JsonNode.Parse(await client.GetStringAsync("/api/v1/pathogens/marburg/briefing", Ct))!, ids, wellcome, rcn);
        var focused = JsonNode.Parse(await client.GetStringAsync("/api/v1/pathogens/marburg/briefing?countries=GN,SL", Ct))!;
        BriefingExpectations.AssertMarburgInGuineaAndSierraLeone(focused["focus"]!, wellcome, rcn);
        var lassa = JsonNode.Parse(await client.GetStringAsync("/api/v1/pathogens/lassa/briefing", Ct))!;
        Assert.Equal((10, 2), (lassa["byCountry"]!["top"]!.AsArray().Count, (int)lassa["byCountry"]!["other"]!["values"]!));
        var list = JsonNode.Parse(await client.GetStringAsync("/api/v1/pathogens", Ct))!["items"]!.AsArray();
        Assert.Equal(4, (int)list.Single(i => (string)i!["code"]! == "marburg")!["grants"]!);
        var page = await client.GetStringAsync("/pathogens/marburg?countries=GN", Ct);
        Assert.Contains("EUR 1,293,751", page, StringComparison.Ordinal);
    }
}
