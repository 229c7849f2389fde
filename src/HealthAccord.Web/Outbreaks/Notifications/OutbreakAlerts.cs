using System.Globalization;
using System.Text;
using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Outbreaks.Responses;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Notifications;

/// <summary>
/// Writes the alerts of a declared outbreak into the outbox: for each funder response, one email to each distinct
/// address (the funder's alert address and its representatives' accounts) and one webhook if the funder set one up.
/// Called inside the declaration's transaction, so the outbreak and its alerts are stored together or not at all.
/// </summary>
public sealed class OutbreakAlerts(HealthAccordDbContext db, ResponseLinks links, TimeProvider clock)
{
    public async Task<int> QueueAsync(Outbreak outbreak, string baseUrl, CancellationToken ct)
    {
        var organisationIds = outbreak.Responses.Select(r => r.OrganisationId).ToList();
        var contacts = await db.FunderContacts.AsNoTracking().Where(c => organisationIds.Contains(c.OrganisationId)).ToDictionaryAsync(c => c.OrganisationId, ct);
        var representativeRole = await db.Roles.Where(r => r.Name == AccountRoles.FunderRepresentative).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var representatives = (await db.Users.AsNoTracking()
                .Where(u => u.RepresentedOrganisationId != null && organisationIds.Contains(u.RepresentedOrganisationId.Value) && u.Email != null
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == representativeRole))
                .Select(u => new { OrganisationId = u.RepresentedOrganisationId!.Value, Email = u.Email!, u.LockoutEnd })
                .ToListAsync(ct))
            // A locked account is one an administrator shut out; its mailbox should not receive the response link.
            .Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .ToLookup(u => u.OrganisationId, u => u.Email);

        var outbreakUrl = $"{baseUrl}/outbreaks/{outbreak.Id}";
        var created = clock.GetUtcNow().UtcDateTime;
        var messages = new List<OutboxMessage>();
        foreach (var response in outbreak.Responses)
        {
            var contact = contacts.GetValueOrDefault(response.OrganisationId);
            var responseUrl = baseUrl + links.CreatePath(response.Id);
            var addresses = new[] { contact?.Email }.Concat(representatives[response.OrganisationId])
                .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim())
                .DistinctBy(a => a.ToLowerInvariant()).ToList();
            foreach (var address in addresses)
            {
                messages.Add(new OutboxMessage
                {
                    Channel = OutboxChannel.Email,
                    Recipient = address,
                    Subject = DisplayText.Excerpt($"Outbreak declared: {outbreak.Title}", Limits.Title),
                    Body = EmailBody(outbreak, response.Organisation.Name, outbreakUrl, responseUrl),
                    DeduplicationKey = $"outbreak/{outbreak.Id}/response/{response.Id}/email/{address.ToLowerInvariant()}",
                    OutbreakId = outbreak.Id,
                    ResponseId = response.Id,
                    CreatedAt = created,
                    NextAttemptAt = created,
                });
            }
            if (!string.IsNullOrWhiteSpace(contact?.WebhookUrl))
            {
                messages.Add(new OutboxMessage
                {
                    Channel = OutboxChannel.Webhook,
                    Recipient = contact.WebhookUrl,
                    Body = WebhookBody(outbreak, response, baseUrl, responseUrl),
                    DeduplicationKey = $"outbreak/{outbreak.Id}/response/{response.Id}/webhook",
                    OutbreakId = outbreak.Id,
                    ResponseId = response.Id,
                    CreatedAt = created,
                    NextAttemptAt = created,
                });
            }
        }
        db.OutboxMessages.AddRange(messages);
        return messages.Count;
    }

    private static string PathogenName(Outbreak o) => PathogenCatalogue.Find(o.PathogenCode)?.DisplayName ?? o.PathogenCode;

    private static string Grading(Outbreak o) => o.WhoGrading switch
    {
        WhoGrading.Ungraded => "not graded by WHO",
        WhoGrading.Grade1 => "WHO grade 1",
        WhoGrading.Grade2 => "WHO grade 2",
        WhoGrading.Grade3 => "WHO grade 3",
        _ => o.WhoGrading.ToString(),
    };

    private static string EmailBody(Outbreak o, string funder, string outbreakUrl, string responseUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"An outbreak has been declared on HealthAccord, and {funder} is asked to take part in the research response.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {o.Title}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Pathogen: {PathogenName(o)}{(o.PathogenNote is { } note ? $" ({note})" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Countries: {string.Join(", ", o.Countries.Select(c => c.CountryCode))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Triggered: {o.TriggeredAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Status: {Grading(o)}{(o.IsPheic ? "; declared a Public Health Emergency of International Concern" : "")}");
        if (o.Summary is { } summary)
        {
            text.AppendLine();
            text.AppendLine(summary);
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The response is measured against 48 hours from the trigger. Follow it here: {outbreakUrl}");
        text.AppendLine();
        text.AppendLine("Please acknowledge this alert, say whether you will join the funders' convening and what you can commit, through this link");
        text.AppendLine(CultureInfo.InvariantCulture, $"(it is personal to {funder} and works for {ResponseLinks.Lifetime.TotalDays:0} days, no account needed):");
        text.AppendLine(responseUrl);
        return text.ToString();
    }

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static string WebhookBody(Outbreak o, OutbreakResponse response, string baseUrl, string responseUrl) =>
        JsonSerializer.Serialize(new
        {
            @event = "outbreak.declared",
            outbreakId = o.Id,
            title = o.Title,
            pathogen = new { code = o.PathogenCode, name = PathogenName(o), note = o.PathogenNote },
            countries = o.Countries.Select(c => c.CountryCode).ToArray(),
            triggeredAt = DateTime.SpecifyKind(o.TriggeredAt, DateTimeKind.Utc),
            declaredAt = DateTime.SpecifyKind(o.DeclaredAt, DateTimeKind.Utc),
            whoGrading = EnumValues.Spell(o.WhoGrading),
            isPheic = o.IsPheic,
            organisationId = response.OrganisationId,
            responseId = response.Id,
            links = new { outbreak = $"{baseUrl}/outbreaks/{o.Id}", respond = responseUrl, api = $"{baseUrl}/api/v1/outbreaks/{o.Id}" },
        }, PayloadJson);
}
