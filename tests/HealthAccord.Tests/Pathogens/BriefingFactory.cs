using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Pathogens;

/// <summary>The app on SQLite with <see cref="BriefingPortfolio"/> in its database, shared by one test class that only reads it.</summary>
public sealed class BriefingFactory : HealthAccordFactory, IAsyncLifetime
{
    public IReadOnlyDictionary<string, long> Ids { get; private set; } = new Dictionary<string, long>();

    public async ValueTask InitializeAsync() => Ids = await BriefingPortfolio.SeedAsync(Services, TestContext.Current.CancellationToken);
}
