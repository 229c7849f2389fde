using System.Globalization;
using System.Text;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// A fresh set of records for one cell of the authorization matrix, written straight into the database: the
/// partnership the editor keeps with a seat, an agreement and a goal with a measurement; another partnership; the
/// organisation the representative answers for; and another organisation. Nothing else refers to them, so a
/// cell's write (a delete included) cannot disturb another cell. One recorded edit of the seat (its note) gives the
/// revert route a change of this world to undo.
/// </summary>
public sealed record WriteWorld(
    int PartnershipId, string PartnershipSlug, int OtherPartnershipId,
    int OrganisationId, int OtherOrganisationId,
    int MembershipId, int AgreementId, int GoalId, int MeasurementId, long ChangeId, long? GrantId, int? OutbreakId = null, int? ResponseId = null,
    long? AlertId = null)
{
    // A new list each time: EF Core walks a record's source list as it saves, and the page and API matrices build
    // worlds at the same time, so one list shared by all would be changed under another test's feet.
    private static List<SourceReference> Source => [new() { Url = "https://example.org/source", Title = "Example source" }];

    /// <param name="withGrant">
    /// Adds a grant the organisation funds and that is linked to the partnership. Only for the grant routes: an
    /// organisation that funds a grant may not be deleted.
    /// </param>
    /// <param name="withOutbreak">
    /// Adds an open outbreak that concerns the partnership and asks the organisation, triggered five hours ago. Only for
    /// the outbreak routes: an organisation asked in an outbreak may not be deleted.
    /// </param>
    public static async Task<WriteWorld> CreateAsync(HealthAccordFactory factory, bool withGrant = false, bool withOutbreak = false)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var partnership = NewPartnership();
        var other = NewPartnership();
        // Flagged as an import would leave it, so confirming it is a change the matrix can see.
        var organisation = new Organisation { Name = "Matrix organisation " + Guid.NewGuid().ToString("N"), CountryCode = "NO", Sources = Source, NeedsReview = true };
        var otherOrganisation = new Organisation { Name = "Matrix organisation " + Guid.NewGuid().ToString("N"), CountryCode = "SE", Sources = Source };
        // A country holds the seat, so deleting the organisation is not refused for being in use.
        var membership = new Membership { Partnership = partnership, CountryCode = "NO", Role = MembershipRole.Member, Sources = Source };
        var agreement = new Agreement
        {
            Title = "Matrix agreement",
            Kind = AgreementKind.MemorandumOfUnderstanding,
            Status = AgreementStatus.InForce,
            Sources = Source,
            Parties = [new AgreementParty { Name = "A party" }],
            Partnerships = [partnership],
        };
        var measurement = new Measurement { Value = 3, ValueText = "3", SourceUrl = "https://example.org/measured", MeasuredOn = PartialDate.Parse("2024") };
        var goal = new Goal
        {
            Partnership = partnership,
            Statement = "A goal",
            Indicator = "Things done",
            Unit = "things",
            Direction = GoalDirection.AtLeast,
            Target = 10,
            Sources = Source,
            Measurements = [measurement],
        };
        // Funded by the organisation and linked to the partnership, so both the representative and the editor may edit it.
        Grant? grant = !withGrant ? null : new Grant
        {
            Identifier = "matrix-" + Guid.NewGuid().ToString("N"),
            Title = "A grant of the matrix",
            Currency = "EUR",
            AmountAwarded = 500,
            AwardDate = new DateOnly(2024, 1, 15),
            SourceDataset = "matrix.json",
            Version = 1,
            Participants = [new GrantParticipant { Organisation = organisation, Role = ParticipantRole.Funder, Position = 0 }],
            Partnerships = [partnership],
        };
        db.AddRange(partnership, other, organisation, otherOrganisation, membership, agreement, goal);
        if (grant is not null) db.Add(grant);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        // A scope of its own, as a request would have: the records above share their source list, which one context
        // tracking them all would take for a move between owners on a second save.
        using var editScope = factory.Services.CreateScope();
        var editDb = editScope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        await using (var recording = await editScope.ServiceProvider.GetRequiredService<ChangeRecorder>()
            .BeginAsync(new ChangeAuthor("matrix", "The matrix"), ChangeSource.Api, TestContext.Current.CancellationToken))
        {
            (await editDb.Memberships.SingleAsync(m => m.Id == membership.Id, TestContext.Current.CancellationToken)).Note = "Noted by the matrix";
            await editDb.SaveChangesAsync(TestContext.Current.CancellationToken);
            var change = await recording.CompleteAsync(TestContext.Current.CancellationToken);
            var outbreak = withOutbreak
                ? await Outbreaks.OutbreakData.CreateAsync(factory, partnershipSlug: partnership.Slug, organisationIds: [organisation.Id], convenedHoursAgo: 2)
                : null;
            var alert = outbreak is null ? (long?)null : await Outbreaks.Notifications.TestAlerts.AddAsync(factory, outbreak.Id, outbreak.Funders[0].ResponseId);
            return new WriteWorld(partnership.Id, partnership.Slug, other.Id, organisation.Id, otherOrganisation.Id,
                membership.Id, agreement.Id, goal.Id, measurement.Id, change!.Id, grant?.Id, outbreak?.Id, outbreak?.Funders[0].ResponseId, alert);
        }
    }

    private static Partnership NewPartnership()
    {
        var slug = "matrix-" + Guid.NewGuid().ToString("N")[..16];
        return new Partnership { Slug = slug, Acronym = "MTX", Name = "Matrix partnership " + slug, Summary = "For the authorization matrix.", Sources = Source };
    }

    /// <summary>The route with its parameters filled from this world.</summary>
    public string UrlFor(string pattern)
    {
        var segments = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var collection = segments[2];
        return "/" + string.Join('/', segments.Select(segment => segment switch
        {
            "{slug}" => PartnershipSlug,
            "{measurementId:int}" => Text(MeasurementId),
            "{targetId:int}" => Text(OtherOrganisationId),
            "{responseId:int}" => Text(ResponseId ?? throw new InvalidOperationException($"{pattern}: create the world with its outbreak.")),
            "{messageId:long}" => AlertId?.ToString(CultureInfo.InvariantCulture)
                ?? throw new InvalidOperationException($"{pattern}: create the world with its outbreak, which has an abandoned alert."),
            _ when segment.StartsWith("{id", StringComparison.Ordinal) => collection switch
            {
                "organisations" => Text(OrganisationId),
                "memberships" => Text(MembershipId),
                "agreements" => Text(AgreementId),
                "goals" => Text(GoalId),
                "history" => ChangeId.ToString(CultureInfo.InvariantCulture),
                "outbreaks" => Text(OutbreakId ?? throw new InvalidOperationException($"{pattern}: create the world with its outbreak for an outbreak route.")),
                "grants" => GrantId?.ToString(CultureInfo.InvariantCulture)
                    ?? throw new InvalidOperationException($"{pattern}: create the world with its grant for a grant route."),
                _ => throw new InvalidOperationException($"{pattern}: the matrix does not know which record {segment} of {collection} is."),
            },
            _ when segment.StartsWith('{') => throw new InvalidOperationException($"{pattern}: the matrix does not know the parameter {segment}."),
            _ => segment,
        }));
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// What a write could change, in one string: row counts of every registry table and the version (or absence) of
    /// each of this world's records. Equal before and after means nothing changed.
    /// </summary>
    public string Snapshot(HealthAccordFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"partnerships {db.Partnerships.Count()}, organisations {db.Organisations.Count()}, ");
        text.Append(CultureInfo.InvariantCulture, $"memberships {db.Memberships.Count()}, agreements {db.Agreements.Count()}, goals {db.Goals.Count()}, ");
        text.Append(CultureInfo.InvariantCulture, $"measurements {db.Measurements.Count()}, outbreaks {db.Outbreaks.Count()}; ");
        Version(text, "partnership", db.Partnerships.Where(p => p.Id == PartnershipId).Select(p => (int?)p.Version).SingleOrDefault());
        Version(text, "other partnership", db.Partnerships.Where(p => p.Id == OtherPartnershipId).Select(p => (int?)p.Version).SingleOrDefault());
        Version(text, "organisation", db.Organisations.Where(o => o.Id == OrganisationId).Select(o => (int?)o.Version).SingleOrDefault());
        Version(text, "alert contact", db.FunderContacts.Where(c => c.OrganisationId == OrganisationId).Select(c => (int?)c.Version).SingleOrDefault());
        Version(text, "other organisation", db.Organisations.Where(o => o.Id == OtherOrganisationId).Select(o => (int?)o.Version).SingleOrDefault());
        Version(text, "membership", db.Memberships.Where(m => m.Id == MembershipId).Select(m => (int?)m.Version).SingleOrDefault());
        Version(text, "agreement", db.Agreements.Where(a => a.Id == AgreementId).Select(a => (int?)a.Version).SingleOrDefault());
        Version(text, "goal", db.Goals.Where(g => g.Id == GoalId).Select(g => (int?)g.Version).SingleOrDefault());
        text.Append(CultureInfo.InvariantCulture, $"measurement {(db.Measurements.AsNoTracking().Any(m => m.Id == MeasurementId) ? "present" : "gone")}, ");
        if (GrantId is { } grantId) Version(text, "grant", db.Grants.Where(g => g.Id == grantId).Select(g => (int?)g.Version).SingleOrDefault());
        if (OutbreakId is { } outbreakId) Version(text, "outbreak", db.Outbreaks.Where(o => o.Id == outbreakId).Select(o => (int?)o.Version).SingleOrDefault());
        if (ResponseId is { } responseId)
        {
            Version(text, "outbreak response", db.OutbreakResponses.Where(r => r.Id == responseId).Select(r => (int?)r.Version).SingleOrDefault());
            text.Append(CultureInfo.InvariantCulture, $"response steps {db.OutbreakResponseSteps.Count(st => st.ResponseId == responseId)}, ");
        }
        // Sent again, the alert's attempts start afresh; the sender may have tried it once since, but not eight times.
        if (AlertId is { } alertId)
            text.Append(CultureInfo.InvariantCulture, $"alert {(db.OutboxMessages.Where(m => m.Id == alertId).Select(m => m.Attempts).Single() < 8 ? "queued again" : "abandoned")}, ");
        return text.ToString();
    }

    private static void Version(StringBuilder text, string what, int? version) =>
        text.Append(CultureInfo.InvariantCulture, $"{what} {(version is null ? "gone" : "v" + version)}, ");
}
