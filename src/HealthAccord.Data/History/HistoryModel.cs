using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Data.History;

/// <summary>The history tables' mapping, kept beside the entities so the DbContext gains one line.</summary>
internal static class HistoryModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ChangeSet>(b =>
        {
            b.Property(s => s.ActorId).HasMaxLength(200);
            b.Property(s => s.ActorName).HasMaxLength(Limits.Name);
            b.Property(s => s.Summary).HasMaxLength(Limits.Note);
            b.HasIndex(s => s.At);
            b.HasIndex(s => s.ActorId);
            // A revert points at what it undid; that change set is kept for as long as its revert is.
            b.HasOne(s => s.RevertOf).WithMany().HasForeignKey(s => s.RevertOfId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(s => s.RevertOfId);
        });
        modelBuilder.Entity<RecordChange>(b =>
        {
            b.Property(r => r.Label).HasMaxLength(Limits.Title);
            b.HasOne(r => r.ChangeSet).WithMany(s => s.Records).HasForeignKey(r => r.ChangeSetId).OnDelete(DeleteBehavior.Cascade);
            // No foreign keys to the records themselves: history outlives the records it describes.
            b.HasIndex(r => new { r.RecordType, r.RecordId });
            b.HasIndex(r => r.PartnershipId);
            b.HasIndex(r => r.OrganisationId);
        });
    }
}
