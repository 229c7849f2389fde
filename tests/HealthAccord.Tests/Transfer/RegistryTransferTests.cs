using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Transfer;

/// <summary>
/// Export and import, called as the CLI verbs call them: from the seeded database of the app (A) into empty
/// databases of their own (B). Importing is all or nothing, so every failure below is followed by a check that
/// B still holds no registry record.
/// </summary>
public sealed class RegistryTransferTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonObject> ExportAsync(HealthAccordDbContext db)
    {
        var document = await RegistryExport.CreateAsync(db, Ct);
        using var stream = new MemoryStream();
        await RegistryExport.WriteAsync(document, stream, Ct);
        return JsonNode.Parse(stream.ToArray())!.AsObject();
    }

    private async Task<JsonObject> ExportAppDatabaseAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await ExportAsync(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    /// <summary>The export without the moment it was made, the one field two exports of the same records may differ in.</summary>
    private static string Records(JsonObject export)
    {
        var copy = export.DeepClone().AsObject();
        Assert.True(copy.Remove("exportedAt"), "The export has no exportedAt.");
        return copy.ToJsonString();
    }

    private static Task<ImportOutcome> ImportAsync(EmptyRegistryDatabase target, string json) =>
        target.UseAsync(db => RegistryImport.ImportAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(json)), Ct));

    private static async Task AssertHoldsNoRegistryRecordAsync(EmptyRegistryDatabase database)
    {
        var counts = await database.UseAsync(async db => new[]
        {
            await db.Partnerships.CountAsync(Ct), await db.Organisations.CountAsync(Ct), await db.Memberships.CountAsync(Ct),
            await db.Agreements.CountAsync(Ct), await db.AgreementParties.CountAsync(Ct), await db.Goals.CountAsync(Ct), await db.Measurements.CountAsync(Ct),
        });
        Assert.Equal([0, 0, 0, 0, 0, 0, 0], counts);
    }

    /// <summary>Changes the seeded Inserm record through the API, an hour after the seed, so A holds an edited record.</summary>
    private async Task<int> EditInsermAsync(string website)
    {
        var reader = factory.CreateClient();
        var inserm = (await reader.GetJsonAsync("/api/v1/organisations?q=02vjkv261")).Items().Single()!;
        var url = $"/api/v1/organisations/{(int)inserm["id"]!}";
        var (current, etag) = await reader.GetWithETagAsync(url);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        var change = new JsonObject
        {
            ["name"] = (string)current["name"]!,
            ["acronym"] = (string)current["acronym"]!,
            ["type"] = (string)current["type"]!,
            ["countryCode"] = (string)current["countryCode"]!,
            ["rorId"] = (string)current["rorId"]!,
            ["website"] = website,
            ["sources"] = current["sources"]!.DeepClone(),
        };
        await (await factory.CreateAdministratorClient().PutJsonAsync(url, change, etag)).AssertStatusAsync(System.Net.HttpStatusCode.OK);
        return (int)inserm["id"]!;
    }

    [Fact]
    public async Task Exporting_importing_into_an_empty_database_and_exporting_again_gives_the_same_records()
    {
        var insermId = await EditInsermAsync("https://www.inserm.fr/en/home/");
        var exportA = await ExportAppDatabaseAsync();
        Assert.Equal("healthaccord-registry", (string)exportA["format"]!);
        Assert.Equal(10, exportA["partnerships"]!.AsArray().Count);
        Assert.Equal(22, exportA["agreements"]!.AsArray().Count);
        Assert.Equal(33, exportA["goals"]!.AsArray().Count);
        var editedInA = exportA["organisations"]!.AsArray().Single(o => (int)o!["id"]! == insermId)!;
        Assert.Equal(2, (int)editedInA["meta"]!["version"]!);

        await using var b = await EmptyRegistryDatabase.CreateAsync();
        var outcome = await ImportAsync(b, exportA.ToJsonString());

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors));
        Assert.Contains("10 partnerships", outcome.Summary, StringComparison.Ordinal);
        var exportB = await b.UseAsync(ExportAsync);
        Assert.Equal(Records(exportA), Records(exportB));
        var inserm = await b.UseAsync(db => db.Organisations.SingleAsync(o => o.Id == insermId, Ct));
        Assert.Equal(("https://www.inserm.fr/en/home/", 2), (inserm.Website, inserm.Version));
        Assert.True(inserm.UpdatedAt > inserm.CreatedAt);
    }

    [Fact]
    public async Task Records_added_to_an_imported_database_get_new_ids()
    {
        var exportA = await ExportAppDatabaseAsync();
        await using var b = await EmptyRegistryDatabase.CreateAsync();
        Assert.True((await ImportAsync(b, exportA.ToJsonString())).Succeeded);
        var highest = exportA["organisations"]!.AsArray().Max(o => (int)o!["id"]!);

        var added = await b.UseAsync(async db =>
        {
            var organisation = new HealthAccord.Data.Registry.Organisation { Name = "Added after the import" };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(Ct);
            return organisation.Id;
        });

        Assert.True(added > highest, $"The new organisation got id {added}; the import's highest was {highest}.");
    }

    [Fact]
    public async Task Importing_into_a_database_that_holds_records_fails_and_changes_nothing()
    {
        var before = await ExportAppDatabaseAsync();

        ImportOutcome outcome;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            outcome = await RegistryImport.ImportAsync(db, new MemoryStream(Encoding.UTF8.GetBytes(before.ToJsonString())), Ct);
        }

        Assert.False(outcome.Succeeded);
        Assert.Contains("already holds registry records", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        Assert.Equal(Records(before), Records(await ExportAppDatabaseAsync()));
    }

    [Theory]
    [InlineData("memberships", "partnershipId", "partnership 999999 is not in the file", "membership")]
    [InlineData("memberships", "organisationId", "organisation 999999 is not in the file", "membership")]
    [InlineData("goals", "partnershipId", "partnership 999999 is not in the file", "goal")]
    public async Task A_reference_to_a_record_missing_from_the_file_is_named_and_nothing_is_written(string collection, string property,
        string expected, string what)
    {
        var document = await ExportAppDatabaseAsync();
        var record = document[collection]!.AsArray().First(r => r![property] is not null)!;
        record[property] = 999999;
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, document.ToJsonString());

        Assert.False(outcome.Succeeded);
        Assert.Equal([$"{what} {(int)record["id"]!}: {expected}."], outcome.Errors);
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    [Fact]
    public async Task Every_dangling_reference_is_named_at_once()
    {
        var document = await ExportAppDatabaseAsync();
        var agreement = document["agreements"]!.AsArray()[0]!;
        agreement["partnershipIds"]!.AsArray().Add(888888);
        var membership = document["memberships"]!.AsArray()[0]!;
        membership["partnershipId"] = 999999;
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, document.ToJsonString());

        Assert.False(outcome.Succeeded);
        Assert.Contains($"membership {(int)membership["id"]!}: partnership 999999 is not in the file.", outcome.Errors);
        Assert.Contains($"agreement {(int)agreement["id"]!}: partnership 888888 is not in the file.", outcome.Errors);
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    [Theory]
    [InlineData("{\"format\": \"healthaccord-registry\", \"formatVersion\": 1, ")]
    [InlineData("{not json at all")]
    [InlineData("")]
    [InlineData("{\"format\": \"healthaccord-registry\", \"formatVersion\": 1, \"organisations\": [{\"id\": \"one\"}]}")]
    public async Task Malformed_JSON_fails_with_a_readable_error_and_writes_nothing(string json)
    {
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, json);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("The file is not a readable registry export", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    [Fact]
    public async Task A_truncated_export_fails_and_writes_nothing()
    {
        var json = (await ExportAppDatabaseAsync()).ToJsonString();
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, json[..(json.Length / 2)]);

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("The file is not a readable registry export", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    [Theory]
    [InlineData("null", "not a registry export")]
    [InlineData("{\"format\": \"something-else\", \"formatVersion\": 1}", "not a registry export")]
    [InlineData("{\"format\": \"healthaccord-registry\", \"formatVersion\": 2}", "Format version 2 is not supported")]
    public async Task JSON_that_is_not_a_registry_export_of_this_version_is_refused(string json, string expected)
    {
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, json);

        Assert.False(outcome.Succeeded);
        Assert.Contains(expected, Assert.Single(outcome.Errors), StringComparison.Ordinal);
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    // App bug (see the test report): RegistryImport.Check looks for duplicate record ids and slugs, but not for a ROR
    // id used twice, an agreement party id used twice or a measurement id used twice. Such a file passes the check,
    // and SaveChangesAsync then throws (DbUpdateException "UNIQUE constraint failed: Organisations.RorId", or EF's
    // InvalidOperationException "another instance with the same key value is already being tracked") out of
    // ImportAsync instead of returning a failed ImportOutcome; the import verb dies with a stack trace rather than
    // "error: ... Nothing was imported." The transaction does keep the database empty.
    [Theory]
    [InlineData("organisation ROR id")]
    [InlineData("agreement party id")]
    [InlineData("measurement id")]
    public async Task A_value_that_must_be_unique_but_appears_twice_is_named_and_nothing_is_written(string what)
    {
        var document = await ExportAppDatabaseAsync();
        string duplicated;
        switch (what)
        {
            case "organisation ROR id":
                var withRor = document["organisations"]!.AsArray().Where(o => o!["rorId"] is not null).Take(2).ToList();
                duplicated = (string)withRor[0]!["rorId"]!;
                withRor[1]!["rorId"] = duplicated;
                break;
            case "agreement party id":
                var agreements = document["agreements"]!.AsArray();
                duplicated = ((int)agreements[0]!["parties"]![0]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
                agreements[1]!["parties"]![0]!["id"] = (int)agreements[0]!["parties"]![0]!["id"]!;
                break;
            default:
                var measured = document["goals"]!.AsArray().Where(g => g!["measurements"]!.AsArray().Count > 0).Take(2).ToList();
                duplicated = ((int)measured[0]!["measurements"]![0]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
                measured[1]!["measurements"]![0]!["id"] = (int)measured[0]!["measurements"]![0]!["id"]!;
                break;
        }
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, document.ToJsonString());

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Contains(duplicated, StringComparison.Ordinal));
        await AssertHoldsNoRegistryRecordAsync(b);
    }

    // App bug (see the test report): the API keeps one headline goal per partnership (promoting one demotes the
    // other), but RegistryImport.Check does not look at isHeadline, so a file with three headline goals for one
    // partnership imports "successfully" and the partnership then shows whichever headline its query meets first.
    [Fact]
    public async Task A_file_with_two_headline_goals_for_one_partnership_is_refused()
    {
        var document = await ExportAppDatabaseAsync();
        var goals = document["goals"]!.AsArray();
        var partnershipId = (int)goals[0]!["partnershipId"]!;
        foreach (var goal in goals.Where(g => (int)g!["partnershipId"]! == partnershipId)) goal!["isHeadline"] = true;
        await using var b = await EmptyRegistryDatabase.CreateAsync();

        var outcome = await ImportAsync(b, document.ToJsonString());

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Contains($"partnership {partnershipId}", StringComparison.Ordinal) && e.Contains("headline", StringComparison.Ordinal));
        await AssertHoldsNoRegistryRecordAsync(b);
    }
}
