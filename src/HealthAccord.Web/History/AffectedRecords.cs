using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Grants.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HealthAccord.Web.History;

/// <summary>
/// Which registry record a tracked row belongs to. History is kept per record, so a party, a document, a
/// measurement, a source or a partnership link that changes is a change of the record that holds it.
/// </summary>
public static class AffectedRecords
{
    public static RecordType? TypeOf(Type entityType) =>
        entityType == typeof(Partnership) ? RecordType.Partnership
        : entityType == typeof(Organisation) ? RecordType.Organisation
        : entityType == typeof(Membership) ? RecordType.Membership
        : entityType == typeof(Agreement) ? RecordType.Agreement
        : entityType == typeof(Goal) ? RecordType.Goal
        : entityType == typeof(HealthAccord.Data.Outbreaks.Outbreak) ? RecordType.Outbreak
        : null;

    /// <summary>
    /// The record a changed row belongs to. <paramref name="pending"/> is set instead when that record is new and its
    /// id is not known until the database assigns it. Neither is set for rows outside the registry (grants,
    /// reference data, history itself) or for the children of a new record, which arrive with it.
    /// </summary>
    public static void Classify(EntityEntry entry, out RecordKey? key, out RegistryRecord? pending)
    {
        key = null;
        pending = null;
        if (entry.Entity is RegistryRecord record && TypeOf(record.GetType()) is { } type)
        {
            if (entry.State == EntityState.Added && entry.Property(nameof(RegistryRecord.Id)).IsTemporary) pending = record;
            else key = new RecordKey(type, record.Id);
            return;
        }
        key = entry.Entity switch
        {
            Measurement m => Owner(entry, RecordType.Goal, nameof(Measurement.GoalId), m.GoalId),
            AgreementParty p => Owner(entry, RecordType.Agreement, nameof(AgreementParty.AgreementId), p.AgreementId),
            OrganisationIdentifier i => Owner(entry, RecordType.Organisation, nameof(OrganisationIdentifier.OrganisationId), i.OrganisationId),
            // An edited grant is saved with its version raised, so the grant row itself always marks the change.
            Grant g when !entry.Property(nameof(Grant.Id)).IsTemporary => new RecordKey(RecordType.Grant, GrantHistory.RecordId(g.Id)),
            // A funder's answers are a record of their own; their steps are part of it and arrive with its change.
            HealthAccord.Data.Outbreaks.OutbreakResponse r when !entry.Property(nameof(r.Id)).IsTemporary => new RecordKey(RecordType.OutbreakResponse, r.Id),
            HealthAccord.Data.Outbreaks.OutbreakCountry c => Owner(entry, RecordType.Outbreak, nameof(c.OutbreakId), c.OutbreakId),
            _ => OwnedOrLinked(entry),
        };
    }

    private static RecordKey? Owner(EntityEntry entry, RecordType type, string foreignKey, int id) =>
        entry.Property(foreignKey).IsTemporary ? null : new RecordKey(type, id);

    /// <summary>Owned JSON lists (sources, documents) belong to their owner; an agreement's partnership links to the agreement.</summary>
    private static RecordKey? OwnedOrLinked(EntityEntry entry)
    {
        var metadata = entry.Metadata;
        var foreignKey = metadata.IsOwned()
            ? metadata.FindOwnership()
            // The link table between agreements and partnerships is part of the agreement's record only.
            : metadata.GetForeignKeys().FirstOrDefault(fk => fk.PrincipalEntityType.ClrType == typeof(Agreement) && metadata.HasSharedClrType);
        if (foreignKey is null || TypeOf(foreignKey.PrincipalEntityType.ClrType) is not { } type) return null;
        var property = entry.Property(foreignKey.Properties[0].Name);
        return property.IsTemporary || property.CurrentValue is not int id ? null : new RecordKey(type, id);
    }

    /// <summary>
    /// Records the database changes by itself when a partnership is deleted: its memberships and goals go with it
    /// (cascade), and agreements lose their link to it. They are part of the same change, so they are found here.
    /// </summary>
    public static async Task<List<RecordKey>> CascadedFromAsync(HealthAccordDbContext db, IReadOnlyCollection<int> deletedPartnerships,
        CancellationToken ct)
    {
        if (deletedPartnerships.Count == 0) return [];
        var ids = deletedPartnerships.ToList();
        var memberships = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.PartnershipId)).Select(m => m.Id).ToListAsync(ct);
        var goals = await db.Goals.AsNoTracking().Where(g => ids.Contains(g.PartnershipId)).Select(g => g.Id).ToListAsync(ct);
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.Partnerships.Any(p => ids.Contains(p.Id))).Select(a => a.Id).ToListAsync(ct);
        return [.. memberships.Select(id => new RecordKey(RecordType.Membership, id)),
            .. goals.Select(id => new RecordKey(RecordType.Goal, id)),
            .. agreements.Select(id => new RecordKey(RecordType.Agreement, id))];
    }
}
