using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Transfer;

/// <summary>
/// Entity → record mappings of the export format. The change history stores snapshots in the same shapes, so a
/// record in the history reads like the record in an export.
/// </summary>
public static class RegistryRecords
{
    /// <summary>Needs the organisation's <see cref="Organisation.Identifiers"/> loaded.</summary>
    public static OrganisationRecord From(Organisation o) => new(o.Id, o.Name, o.Acronym, o.Type, o.CountryCode, o.RorId, o.Website,
        o.NeedsReview, o.Identifiers.Select(i => i.Value).Order(StringComparer.Ordinal).ToList(), Meta(o));

    public static PartnershipRecord From(Partnership p) => new(p.Id, p.Slug, p.Acronym, p.Name, p.Kind, p.Summary, p.Mission, p.FoundedYear,
        p.Website, p.Secretariat, p.Themes, p.EuRole, p.EuRoleNote, p.Status, Meta(p));

    public static MembershipRecord From(Membership m) => new(m.Id, m.PartnershipId, m.OrganisationId, m.CountryCode, m.Role, m.Note,
        m.Joined?.ToString(), m.Left?.ToString(), Meta(m));

    /// <summary>Needs the agreement's parties and partnerships loaded.</summary>
    public static AgreementRecord From(Agreement a) => new(a.Id, a.Title, a.Kind, a.Status, a.StatusNote, a.Signed?.ToString(),
        a.EnteredIntoForce?.ToString(), a.Expires?.ToString(), a.RenewalNote, a.Scope,
        a.Parties.OrderBy(p => p.Id).Select(p => new PartyRecord(p.Id, p.Name, p.OrganisationId, p.CountryCode)).ToList(),
        a.Documents.Select(d => new DocumentRecord(d.Title, d.Url, d.Language)).ToList(),
        a.Partnerships.Select(p => p.Id).Order().ToList(), Meta(a));

    /// <summary>Needs the goal's measurements loaded.</summary>
    public static GoalRecord From(Goal g) => new(g.Id, g.PartnershipId, g.IsHeadline, g.Statement, g.Indicator, g.Unit, g.Direction, g.Target,
        g.TargetNote, g.Baseline, g.BaselineNote, g.Deadline?.ToString(), g.DeadlineNote,
        g.Measurements.OrderBy(m => m.Id).Select(m => new MeasurementRecord(m.Id, m.MeasuredOn?.ToString(), m.PeriodLabel, m.Value,
            m.ValueText, m.SourceUrl, m.Note, m.CreatedAt)).ToList(), Meta(g));

    private static RecordMeta Meta(RegistryRecord r) =>
        new(r.Sources.Select(SourceDto.From).ToList(), r.CreatedAt, r.UpdatedAt, r.Version);
}
