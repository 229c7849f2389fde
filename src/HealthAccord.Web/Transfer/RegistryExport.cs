using System.Text.Json;
using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Transfer;

public static class RegistryExport
{
    internal static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions { WriteIndented = true };
        WebRegistration.ConfigureJson(options);
        return options;
    }

    public static async Task<RegistryDocument> CreateAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Identifiers).OrderBy(o => o.Id).ToListAsync(ct);
        var partnerships = await db.Partnerships.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Parties).Include(a => a.Partnerships)
            .AsSplitQuery().OrderBy(a => a.Id).ToListAsync(ct);
        var goals = await db.Goals.AsNoTracking().Include(g => g.Measurements).OrderBy(g => g.Id).ToListAsync(ct);

        return new RegistryDocument(RegistryDocument.FormatName, RegistryDocument.CurrentVersion, DateTime.UtcNow,
            organisations.Select(o => new OrganisationRecord(o.Id, o.Name, o.Acronym, o.Type, o.CountryCode, o.RorId, o.Website,
                o.NeedsReview, o.Identifiers.Select(i => i.Value).Order(StringComparer.Ordinal).ToList(), Meta(o))).ToList(),
            partnerships.Select(p => new PartnershipRecord(p.Id, p.Slug, p.Acronym, p.Name, p.Kind, p.Summary, p.Mission, p.FoundedYear, p.Website,
                p.Secretariat, p.Themes, p.EuRole, p.EuRoleNote, p.Status, Meta(p))).ToList(),
            memberships.Select(m => new MembershipRecord(m.Id, m.PartnershipId, m.OrganisationId, m.CountryCode, m.Role, m.Note,
                m.Joined?.ToString(), m.Left?.ToString(), Meta(m))).ToList(),
            agreements.Select(a => new AgreementRecord(a.Id, a.Title, a.Kind, a.Status, a.StatusNote, a.Signed?.ToString(),
                a.EnteredIntoForce?.ToString(), a.Expires?.ToString(), a.RenewalNote, a.Scope,
                a.Parties.OrderBy(p => p.Id).Select(p => new PartyRecord(p.Id, p.Name, p.OrganisationId, p.CountryCode)).ToList(),
                a.Documents.Select(d => new DocumentRecord(d.Title, d.Url, d.Language)).ToList(),
                a.Partnerships.Select(p => p.Id).Order().ToList(), Meta(a))).ToList(),
            goals.Select(g => new GoalRecord(g.Id, g.PartnershipId, g.IsHeadline, g.Statement, g.Indicator, g.Unit, g.Direction, g.Target,
                g.TargetNote, g.Baseline, g.BaselineNote, g.Deadline?.ToString(), g.DeadlineNote,
                g.Measurements.OrderBy(m => m.Id).Select(m => new MeasurementRecord(m.Id, m.MeasuredOn?.ToString(), m.PeriodLabel, m.Value,
                    m.ValueText, m.SourceUrl, m.Note, m.CreatedAt)).ToList(), Meta(g))).ToList());
    }

    private static RecordMeta Meta(RegistryRecord r) =>
        new(r.Sources.Select(SourceDto.From).ToList(), r.CreatedAt, r.UpdatedAt, r.Version);

    public static Task WriteAsync(RegistryDocument document, Stream stream, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(stream, document, Json, ct);
}
