using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>One funder asked in a test outbreak.</summary>
public sealed record TestFunder(int ResponseId, int OrganisationId, string Name);

/// <summary>An outbreak written straight into the database, as a declaration would leave it, with the funders it asked.</summary>
public sealed record TestOutbreak(int Id, string Title, int PartnershipId, string PartnershipSlug, IReadOnlyList<TestFunder> Funders)
{
    public string Page => $"/outbreaks/{Id}";

    public string ApiUrl => $"/api/v1/outbreaks/{Id}";
}

/// <summary>
/// Test outbreaks made directly through the DbContext: declaring and notifying are the other side of the feature, so
/// these tests set what those would have stored (responses, notification times) themselves.
/// </summary>
public static class OutbreakData
{
    private static List<SourceReference> Source => [new() { Url = "https://example.org/who-don", Title = "Disease outbreak news" }];

    /// <param name="hoursAgo">How long before the factory's clock the outbreak was triggered.</param>
    /// <param name="funders">How many funders are asked; each gets an organisation of its own.</param>
    /// <param name="notified">Whether every funder's alert was delivered an hour after the trigger.</param>
    /// <param name="partnershipSlug">An existing partnership the outbreak concerns (e.g. glopid-r); a new one otherwise.</param>
    /// <param name="organisationIds">Existing organisations to ask, instead of new ones.</param>
    /// <param name="convenedHoursAgo">When given, the convening was held this long before the factory's clock (written straight
    /// in, so no measurement is made on a goal).</param>
    public static async Task<TestOutbreak> CreateAsync(HealthAccordFactory factory, double hoursAgo = 5, int funders = 2, bool notified = true,
        string? partnershipSlug = null, IReadOnlyList<int>? organisationIds = null, decimal quorumShare = 0.5m, string pathogen = "marburg",
        double? convenedHoursAgo = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var triggered = now.AddHours(-hoursAgo);
        Partnership partnership;
        if (partnershipSlug is not null) partnership = await db.Partnerships.SingleAsync(p => p.Slug == partnershipSlug, ct);
        else
        {
            var slug = "outbreak-test-" + Guid.NewGuid().ToString("N")[..12];
            partnership = new Partnership { Slug = slug, Acronym = "OBT", Name = "Outbreak test partnership " + slug, Summary = "For outbreak tests.", Sources = Source };
            db.Partnerships.Add(partnership);
        }
        var organisations = organisationIds is not null
            ? await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToListAsync(ct)
            : Enumerable.Range(0, funders).Select(i => new Organisation
            {
                Name = $"Outbreak funder {i + 1} {Guid.NewGuid():N}"[..40],
                CountryCode = "NO",
                Sources = Source,
            }).ToList();
        var title = "Marburg virus disease, test " + Guid.NewGuid().ToString("N")[..8];
        var outbreak = new Outbreak
        {
            Title = title,
            PathogenCode = pathogen,
            TriggeredAt = triggered,
            DeclaredAt = triggered.AddMinutes(30),
            DeclaredByName = "An outbreak test",
            WhoGrading = WhoGrading.Grade2,
            QuorumShare = quorumShare,
            ConvenedAt = convenedHoursAgo is { } convened ? now.AddHours(-convened) : null,
            ConveningNote = convenedHoursAgo is null ? null : "Funders met by video",
            Sources = Source,
            Countries = [new OutbreakCountry { CountryCode = "RW" }],
            Partnerships = [partnership],
            Responses = organisations.Select(o => new OutbreakResponse
            {
                Organisation = o,
                CreatedAt = triggered.AddMinutes(30),
                NotifiedAt = notified ? triggered.AddHours(1) : null,
                Version = 1,
                Steps = notified
                    ? [new OutbreakResponseStep { Kind = ResponseStepKind.Notified, At = triggered.AddHours(1), Channel = ResponseChannel.Notifier, Detail = "Alert delivered" }]
                    : [],
            }).ToList(),
        };
        db.Outbreaks.Add(outbreak);
        await db.SaveChangesAsync(ct);
        return new TestOutbreak(outbreak.Id, title, partnership.Id, partnership.Slug,
            outbreak.Responses.Select(r => new TestFunder(r.Id, r.OrganisationId, r.Organisation.Name)).ToList());
    }

    public static async Task<T> ReadAsync<T>(HealthAccordFactory factory, Func<HealthAccordDbContext, Task<T>> read)
    {
        using var scope = factory.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>());
    }

    public static Task<OutbreakResponse> ResponseAsync(HealthAccordFactory factory, int responseId) =>
        ReadAsync(factory, db => db.OutbreakResponses.AsNoTracking().Include(r => r.Steps).SingleAsync(r => r.Id == responseId, TestContext.Current.CancellationToken));

    public static Task<Outbreak> OutbreakAsync(HealthAccordFactory factory, int id) =>
        ReadAsync(factory, db => db.Outbreaks.AsNoTracking().SingleAsync(o => o.Id == id, TestContext.Current.CancellationToken));
}
