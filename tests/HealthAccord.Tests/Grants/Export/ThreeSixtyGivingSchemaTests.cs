using System.Text;
using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// The 360Giving export of a seeded database with grants of every shape (written directly, and imported from a
/// package) validates against the standard's package schema with ajv: grants without descriptions, with the EU as a
/// country, with organisations known by no identifier at all.
/// </summary>
public sealed class ThreeSixtyGivingSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_of_seeded_written_and_imported_grants_has_no_schema_errors()
    {
        await using var factory = new HealthAccordFactory();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var ids = new List<long>();
            foreach (var builder in new[]
            {
                new GrantBuilder("SCHEMA-1", "Pandemic preparedness network").Description(null).Funder("European Commission", "EU")
                    .Recipient("European Commission", "EU").Recipient("Institut Pasteur", "FR").Countries("EU", "FR").Partnerships("glopid-r"),
                new GrantBuilder("SCHEMA-2", "Malaria vaccine trial").Funder("Wellcome Trust", "GB").Recipient("Kenya Medical Research Institute", "KE")
                    .Planned(null, null).Pathogens("malaria").Hrcs("018").Amount(25_000.5m, "GBP", null),
                new GrantBuilder("SCHEMA-3", "Only an end date").Funder("Canadian Institutes of Health Research").Recipient("McGill University", null)
                    .Planned(null, new DateOnly(2027, 1, 31)),
            })
                ids.Add((await builder.SaveAsync(db, Ct)).Id);
            await factory.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync(ids, Ct);
        }
        await GrantRoundTrip.ImportAsync(factory, new MemoryStream(Encoding.UTF8.GetBytes(RoundTripPackage.Json())), "package.json");
        var folder = Directory.CreateTempSubdirectory("healthaccord-export-").FullName;
        try
        {
            var file = Path.Combine(folder, "export.json");
            await File.WriteAllBytesAsync(file, await (await factory.CreateClient().ExportAsync("360giving")).Content.ReadAsByteArrayAsync(Ct), Ct);

            var result = await ThreeSixtyGivingSchema.ValidateAsync(file);

            Assert.True(result.Valid, result.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_validator_finds_errors_in_a_package_that_breaks_the_standard()
    {
        var folder = Directory.CreateTempSubdirectory("healthaccord-export-").FullName;
        try
        {
            // The checker itself must be able to fail: a grant without its required fields and with a bad currency.
            var file = Path.Combine(folder, "broken.json");
            await File.WriteAllTextAsync(file, """{"grants":[{"id":"X-1","title":"No description","currency":"EURO","amountAwarded":5,"awardDate":"2024-13-01"}]}""", Ct);

            var result = await ThreeSixtyGivingSchema.ValidateAsync(file);

            Assert.False(result.Valid);
            Assert.Contains("description", result.Output, StringComparison.Ordinal);
            Assert.Contains("currency", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
