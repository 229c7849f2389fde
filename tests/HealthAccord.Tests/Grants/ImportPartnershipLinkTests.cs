using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants;

/// <summary>The import applies the partnership rules to each grant it writes; relink afterwards has nothing to do.</summary>
public sealed class ImportPartnershipLinkTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    [Fact]
    public Task An_import_links_its_grants_as_the_rules_say_and_relink_then_changes_nothing() => ImportLinkScenario.RunAsync(factory);
}
