using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// A grant whose text makes a tagging pattern run past its time limit is an invalid row of the import's report, not
/// an exception that ends the import: refused with the rest of the file by default, skipped with --skip-invalid.
/// </summary>
public sealed class TaggingTimeoutImportTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A repeated choice between "a" and "aa", then a "b" not followed by "c": on a run of "a"s ending in "bc" the
    /// lookahead fails after every way of splitting the run, and there are exponentially many. The screening
    /// pass (PathogenPrefilter) leaves lookarounds out, so it lets the text through to the rule, as it would a real one.
    /// </summary>
    private static readonly PathogenTagger RunawayTagger = new(
    [
        new Pathogen("runaway", "Runaway test pathogen", "Test", WhoBlueprint: false,
            [new PathogenRule("runaway.nested", @"(a|aa)+b(?!c)", matchTimeout: TimeSpan.FromMilliseconds(50))]),
    ]);

    private async Task<GrantImportOutcome> ImportAsync(string package, bool skipInvalid)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), RunawayTagger, HrcsCategories.LoadDefault(), factory.Clock);
        var rows = ThreeSixtyGivingJsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(package)), new GrantReadOptions { DatasetName = "runaway.json" }, Ct);
        return await importer.ImportAsync(rows, new GrantImportOptions("runaway.json", "360giving-json", _ => Task.FromResult("test"), skipInvalid), null, Ct);
    }

    private async Task<bool> StoredAsync(string identifier)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Grants.AnyAsync(g => g.Identifier == identifier, Ct);
    }

    [Fact]
    public async Task A_text_that_times_out_the_tagger_is_a_reported_row_and_the_others_import_only_when_skipping()
    {
        var good = GrantFiles.ValidGrant($"360G-tagging-{Guid.NewGuid():N}");
        var runaway = GrantFiles.ValidGrant($"360G-tagging-{Guid.NewGuid():N}");
        runaway["description"] = new string('a', 40) + "bc";
        var package = new JsonObject { ["grants"] = new JsonArray(good, runaway) }.ToJsonString();

        var refused = await ImportAsync(package, skipInvalid: false);

        Assert.False(refused.Succeeded);
        var issue = Assert.Single(refused.Issues);
        Assert.Equal((2, "description"), (issue.Row, issue.Field));
        Assert.Contains("could not be tagged for pathogens", issue.Reason, StringComparison.Ordinal);
        Assert.False(await StoredAsync((string)good["id"]!));

        var skipped = await ImportAsync(package, skipInvalid: true);

        Assert.True(skipped.Succeeded);
        Assert.Equal((1, 1), (skipped.GrantsImported, skipped.RowsInvalid));
        Assert.True(await StoredAsync((string)good["id"]!));
        Assert.False(await StoredAsync((string)runaway["id"]!));
    }
}
