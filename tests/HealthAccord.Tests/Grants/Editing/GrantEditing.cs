using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Portfolio;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Editing;

/// <summary>A grant of a test's own, in the database and the search index, with the organisation that funds it.</summary>
public sealed record EditableGrant(long Id, string Identifier, int FunderId, string Word)
{
    public string ApiUrl => $"/api/v1/grants/{Id}";

    public string PageUrl => $"/grants/{Id}";

    /// <summary>
    /// A grant with a word of its own in the title (so a search finds only it), funded by a new organisation, linked to
    /// <paramref name="partnershipSlug"/> when given, and indexed as an import would leave it.
    /// </summary>
    public static async Task<EditableGrant> CreateAsync(HealthAccordFactory factory, string? partnershipSlug = null)
    {
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        var identifier = "edit-" + word;
        var builder = new GrantBuilder(identifier, $"Hospital ward study {word}")
            // Organisation names are searched too, so they do not carry the grant's word.
            .Funder("Edit funder " + Guid.NewGuid().ToString("N"), "GB")
            .Recipient("Edit recipient " + Guid.NewGuid().ToString("N"), "KE")
            .Description("Research on hospital wards.")
            .Amount(100_000m, "GBP", 117_000m)
            .Countries("KE");
        if (partnershipSlug is not null) builder.Partnerships(partnershipSlug);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var grant = await builder.SaveAsync(db, TestContext.Current.CancellationToken);
        // The euro amount as an import would have left it, so an edit that changes nothing has nothing to convert anew.
        Assert.True(ExchangeRates.LoadDefault().TryConvertToEur(grant.AmountAwarded, grant.Currency, grant.AwardDate, out var conversion));
        (grant.AmountEur, grant.EurRate, grant.EurRateDate) = (conversion.AmountEur, conversion.Rate, conversion.RateDate);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await factory.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync([grant.Id], TestContext.Current.CancellationToken);
        var funder = grant.Participants.Single(p => p.Role == ParticipantRole.Funder).Organisation.Id;
        return new EditableGrant(grant.Id, identifier, funder, word);
    }

    /// <summary>A full, valid input: the grant as built, with the given changes.</summary>
    public JsonObject Input(Action<JsonObject>? change = null)
    {
        var input = new JsonObject
        {
            ["title"] = $"Hospital ward study {Word}",
            ["description"] = "Research on hospital wards.",
            ["currency"] = "GBP",
            ["amountAwarded"] = 100_000,
            ["awardDate"] = "2024-01-15",
            ["plannedStart"] = "2024-03-01",
            ["plannedEnd"] = "2026-02-28",
            ["programme"] = "Test programme",
            ["countries"] = new JsonArray("KE"),
        };
        change?.Invoke(input);
        return input;
    }

    public int VersionIn(HealthAccordFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>().Grants.AsNoTracking().Single(g => g.Id == Id).Version;
    }
}
