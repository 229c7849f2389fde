using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>Import and read back through a test app, as the round-trip and schema tests need them.</summary>
public static class GrantRoundTrip
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Imports a 360Giving JSON package the way the CLI does (database and index committed together), asserting it succeeded.</summary>
    public static async Task<GrantImportOutcome> ImportAsync(HealthAccordFactory factory, Stream package, string name)
    {
        GrantImportOutcome outcome;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), factory.Clock,
                factory.Services.GetRequiredService<GrantIndex>());
            var rows = ThreeSixtyGivingJsonReader.ReadAsync(package, new GrantReadOptions { DatasetName = name }, Ct);
            outcome = await importer.ImportAsync(rows, new GrantImportOptions(name, "360giving-json", _ => Task.FromResult("test"), SkipInvalid: false), null, Ct);
        }
        Assert.True(outcome.Succeeded, $"{name} was refused: {string.Join("; ", outcome.Issues.Take(5).Select(i => $"row {i.Row} {i.Field}: {i.Reason}"))}");
        return outcome;
    }

    public static async Task<Dictionary<string, GrantSnapshot>> SnapshotAsync(HealthAccordFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await GrantSnapshot.LoadAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>(), Ct);
    }

    /// <summary>
    /// Every difference between two databases' grants; empty when they hold the same grants. <paramref name="package"/>
    /// is the 360Giving file the second database imported, read to tell which organisations it first named without
    /// a country (see <see cref="GrantSnapshot.DifferencesFrom"/>).
    /// </summary>
    public static List<string> Differences(Dictionary<string, GrantSnapshot> before, Dictionary<string, GrantSnapshot> after, byte[] package)
    {
        var firstMention = CountryAtFirstMention(package);
        var differences = before.Keys.Except(after.Keys).Select(id => $"{id} is missing after the round trip")
            .Concat(after.Keys.Except(before.Keys).Select(id => $"{id} appeared in the round trip"))
            .ToList();
        foreach (var (identifier, grant) in before)
        {
            if (after.TryGetValue(identifier, out var again))
                differences.AddRange(grant.DifferencesFrom(again, id => firstMention.TryGetValue(id, out var country) ? country : null));
        }
        return differences;
    }

    /// <summary>
    /// For each organisation identifier in a 360Giving package, whether its first mention gave an addressCountry, in
    /// the order an import links them: grant by grant, funders before recipients.
    /// </summary>
    private static Dictionary<string, bool> CountryAtFirstMention(byte[] package)
    {
        var mentions = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var grant in JsonNode.Parse(package)!["grants"]!.AsArray())
        {
            foreach (var list in new[] { "fundingOrganization", "recipientOrganization" })
            {
                foreach (var organisation in grant![list]?.AsArray() ?? [])
                    mentions.TryAdd((string)organisation!["id"]!, organisation["addressCountry"] is not null);
            }
        }
        return mentions;
    }
}
