using System.Text.Json.Nodes;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>One funder of a <see cref="FunderWorld"/>: its organisation and the alert contact it was given.</summary>
public sealed record WorldFunder(int OrganisationId, string Name, string? Email, string? WebhookUrl, string? Secret);

/// <summary>
/// A partnership of its own with member funders written straight into the database, each with the alert contact the
/// test asks for, so a declaration for it alerts exactly these funders and nothing another test made.
/// </summary>
public sealed record FunderWorld(int PartnershipId, string Slug, IReadOnlyList<WorldFunder> Funders)
{
    private static List<SourceReference> Source => [new() { Url = "https://example.org/source", Title = "Example source" }];

    /// <param name="contactOf">For the i-th funder (from 0) and its organisation, its email and webhook (or nulls).</param>
    public static async Task<FunderWorld> CreateAsync(HealthAccordFactory factory, int funders,
        Func<int, (string? Email, string? WebhookUrl)> contactOf, MembershipRole role = MembershipRole.Member)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var slug = "notify-" + Guid.NewGuid().ToString("N")[..16];
        var partnership = new Partnership { Slug = slug, Acronym = "NTF", Name = "Notified partnership " + slug, Summary = "For the alert tests.", Sources = Source };
        var organisations = Enumerable.Range(0, funders)
            .Select(i => new Organisation { Name = $"Funder {i:D3} of {slug}", CountryCode = "NO", Sources = Source }).ToList();
        db.Add(partnership);
        db.AddRange(organisations);
        db.AddRange(organisations.Select(o => new Membership { Partnership = partnership, Organisation = o, Role = role, Sources = Source }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var result = new List<WorldFunder>();
        for (var i = 0; i < organisations.Count; i++)
        {
            var (email, webhook) = contactOf(i);
            var secret = webhook is null ? null : $"secret-{i}-{Guid.NewGuid():N}";
            if (email is not null || webhook is not null)
            {
                db.FunderContacts.Add(new FunderContact
                {
                    OrganisationId = organisations[i].Id,
                    Email = email,
                    WebhookUrl = webhook,
                    WebhookSecret = secret,
                    UpdatedAt = factory.Clock.GetUtcNow().UtcDateTime,
                });
            }
            result.Add(new WorldFunder(organisations[i].Id, organisations[i].Name, email, webhook, secret));
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new FunderWorld(partnership.Id, slug, result);
    }

    /// <summary>A valid declaration for this world's partnership.</summary>
    public JsonObject Declaration(string title = "Marburg virus disease, Rwanda") => Declare(title, Slug);

    public static JsonObject Declare(string title, params string[] partnerships) => new()
    {
        ["title"] = title,
        ["pathogenCode"] = "marburg",
        ["countries"] = new JsonArray("RW"),
        ["triggeredAt"] = HealthAccordFactory.Now.AddHours(-2).ToString("O"),
        ["whoGrading"] = "grade2",
        ["isPheic"] = false,
        ["partnerships"] = new JsonArray(partnerships.Select(p => (JsonNode)p).ToArray()),
        ["sources"] = new JsonArray(new JsonObject { ["url"] = "https://example.org/don", ["title"] = "Disease outbreak news" }),
    };
}
