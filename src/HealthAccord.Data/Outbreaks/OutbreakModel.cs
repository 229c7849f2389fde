using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Data.Outbreaks;

/// <summary>The outbreak tables' mapping, kept beside the entities so the DbContext gains one line.</summary>
internal static class OutbreakModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Outbreak>(b =>
        {
            b.Property(o => o.Version).IsConcurrencyToken();
            b.OwnsMany(o => o.Sources, s => s.ToJson());
            b.Property(o => o.Title).HasMaxLength(Limits.Title);
            b.Property(o => o.PathogenCode).HasMaxLength(40);
            b.Property(o => o.PathogenNote).HasMaxLength(Limits.Note);
            b.Property(o => o.DeclaredById).HasMaxLength(200);
            b.Property(o => o.DeclaredByName).HasMaxLength(Limits.Name);
            b.Property(o => o.Summary).HasMaxLength(Limits.Text);
            b.Property(o => o.ConveningNote).HasMaxLength(Limits.Note);
            b.Property(o => o.QuorumShare).HasPrecision(5, 4);
            b.HasIndex(o => o.TriggeredAt);
            b.HasIndex(o => o.PathogenCode);
            b.HasMany(o => o.Partnerships).WithMany().UsingEntity("OutbreakPartnerships");
            b.ToTable(t => t.HasCheckConstraint("CK_Outbreaks_QuorumShare", "\"QuorumShare\" > 0 AND \"QuorumShare\" <= 1"));
        });
        modelBuilder.Entity<OutbreakCountry>(b =>
        {
            b.ToTable("OutbreakCountries");
            b.HasKey(c => new { c.OutbreakId, c.CountryCode });
            b.Property(c => c.CountryCode).HasMaxLength(2);
            b.HasOne<Outbreak>().WithMany(o => o.Countries).HasForeignKey(c => c.OutbreakId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Reference.Country>().WithMany().HasForeignKey(c => c.CountryCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<OutbreakResponse>(b =>
        {
            b.Property(r => r.Version).IsConcurrencyToken();
            b.Property(r => r.CommitmentCurrency).HasMaxLength(3);
            b.Property(r => r.CommitmentNote).HasMaxLength(Limits.Note);
            b.Property(r => r.CommitmentUrl).HasMaxLength(Limits.Url);
            // One response per funder and outbreak: a funder seated in two concerned partnerships is asked once.
            b.HasIndex(r => new { r.OutbreakId, r.OrganisationId }).IsUnique();
            b.HasIndex(r => r.OrganisationId);
            b.HasOne(r => r.Outbreak).WithMany(o => o.Responses).HasForeignKey(r => r.OutbreakId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<OutbreakResponseStep>(b =>
        {
            b.ToTable("OutbreakResponseSteps");
            b.Property(s => s.ActorName).HasMaxLength(Limits.Name);
            b.Property(s => s.Detail).HasMaxLength(Limits.Note);
            b.HasIndex(s => new { s.ResponseId, s.At });
            b.HasOne<OutbreakResponse>().WithMany(r => r.Steps).HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<FunderContact>(b =>
        {
            b.ToTable("FunderContacts");
            b.HasKey(c => c.OrganisationId);
            b.Property(c => c.OrganisationId).ValueGeneratedNever();
            b.Property(c => c.Email).HasMaxLength(320);
            b.Property(c => c.WebhookUrl).HasMaxLength(Limits.Url);
            b.Property(c => c.WebhookSecret).HasMaxLength(200);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasOne<Organisation>().WithOne().HasForeignKey<FunderContact>(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("OutboxMessages");
            b.Property(m => m.Recipient).HasMaxLength(Limits.Url);
            b.Property(m => m.Subject).HasMaxLength(Limits.Title);
            b.Property(m => m.DeduplicationKey).HasMaxLength(400);
            b.Property(m => m.LastError).HasMaxLength(Limits.Note);
            b.Property(m => m.LockedBy).HasMaxLength(100);
            b.HasIndex(m => m.DeduplicationKey).IsUnique();
            // The sender's one query: undelivered, not abandoned, due.
            b.HasIndex(m => new { m.DeliveredAt, m.AbandonedAt, m.NextAttemptAt });
            b.HasIndex(m => m.OutbreakId);
            b.HasOne<Outbreak>().WithMany().HasForeignKey(m => m.OutbreakId).OnDelete(DeleteBehavior.SetNull);
            b.HasOne<OutbreakResponse>().WithMany().HasForeignKey(m => m.ResponseId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
