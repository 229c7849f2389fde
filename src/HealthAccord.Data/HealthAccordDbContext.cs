using HealthAccord.Data.Accounts;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Reference;
using HealthAccord.Data.Registry;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HealthAccord.Data;

/// <summary>
/// The one database: the registry, the grant portfolio, and the accounts (ASP.NET Core Identity's tables, editor
/// scopes, API tokens) with the data-protection keys, kept here so every instance of the site shares them.
/// </summary>
public sealed class HealthAccordDbContext(DbContextOptions<HealthAccordDbContext> options, TimeProvider? clock = null)
    : IdentityDbContext<HealthAccordUser>(options), IDataProtectionKeyContext
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementParty> AgreementParties => Set<AgreementParty>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<Measurement> Measurements => Set<Measurement>();
    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<GrantParticipant> GrantParticipants => Set<GrantParticipant>();
    public DbSet<OrganisationIdentifier> OrganisationIdentifiers => Set<OrganisationIdentifier>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<EditorPartnership> EditorPartnerships => Set<EditorPartnership>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ChangeSet> ChangeSets => Set<ChangeSet>();
    public DbSet<RecordChange> RecordChanges => Set<RecordChange>();
    public DbSet<Outbreak> Outbreaks => Set<Outbreak>();
    public DbSet<OutbreakCountry> OutbreakCountries => Set<OutbreakCountry>();
    public DbSet<OutbreakResponse> OutbreakResponses => Set<OutbreakResponse>();
    public DbSet<OutbreakResponseStep> OutbreakResponseSteps => Set<OutbreakResponseStep>();
    public DbSet<FunderContact> FunderContacts => Set<FunderContact>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: exports and ad-hoc SQL stay readable and reordering members is safe.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        // Every timestamp is UTC; SQLite does not keep the kind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's own tables (AspNetUsers, AspNetRoles, ...) first; the account configuration below adds to them.
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Country>(b =>
        {
            b.HasKey(c => c.Code);
            b.Property(c => c.Code).HasMaxLength(2);
            b.Property(c => c.Alpha3).HasMaxLength(3);
            b.Property(c => c.Name).HasMaxLength(200);
            b.Property(c => c.Region).HasMaxLength(100);
            b.Property(c => c.SubRegion).HasMaxLength(100);
            b.Property(c => c.IncomeGroup).HasMaxLength(50);
            b.Property(c => c.CurrencyCode).HasMaxLength(3);
        });
        modelBuilder.Entity<Currency>(b =>
        {
            b.HasKey(c => c.Code);
            b.Property(c => c.Code).HasMaxLength(3);
            b.Property(c => c.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<SeedRun>(b =>
        {
            b.HasKey(s => s.Name);
            b.Property(s => s.Name).HasMaxLength(100);
        });

        modelBuilder.Entity<Partnership>(b =>
        {
            ConfigureRecord(b);
            b.HasIndex(p => p.Slug).IsUnique();
            b.Property(p => p.Slug).HasMaxLength(Limits.Slug);
            b.Property(p => p.Acronym).HasMaxLength(Limits.Acronym);
            b.Property(p => p.Name).HasMaxLength(Limits.Name);
            b.Property(p => p.Summary).HasMaxLength(Limits.Text);
            b.Property(p => p.Mission).HasMaxLength(Limits.Text);
            b.Property(p => p.Website).HasMaxLength(Limits.Url);
            b.Property(p => p.Secretariat).HasMaxLength(Limits.Note);
            b.Property(p => p.EuRoleNote).HasMaxLength(Limits.Text);
            b.HasMany(p => p.Agreements).WithMany(a => a.Partnerships).UsingEntity("AgreementPartnerships");
        });

        modelBuilder.Entity<Organisation>(b =>
        {
            ConfigureRecord(b);
            b.Property(o => o.Name).HasMaxLength(Limits.Name);
            b.Property(o => o.Acronym).HasMaxLength(Limits.Acronym);
            b.Property(o => o.CountryCode).HasMaxLength(2);
            b.Property(o => o.RorId).HasMaxLength(9);
            b.Property(o => o.Website).HasMaxLength(Limits.Url);
            b.HasIndex(o => o.RorId).IsUnique();
            b.HasIndex(o => o.Name);
            b.HasOne(o => o.Country).WithMany().HasForeignKey(o => o.CountryCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Membership>(b =>
        {
            ConfigureRecord(b);
            b.Property(m => m.CountryCode).HasMaxLength(2);
            b.Property(m => m.Note).HasMaxLength(Limits.Note);
            b.HasOne(m => m.Partnership).WithMany(p => p.Memberships).HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(m => m.Organisation).WithMany(o => o.Memberships).HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(m => m.Country).WithMany().HasForeignKey(m => m.CountryCode).OnDelete(DeleteBehavior.Restrict);
            b.ToTable(t => t.HasCheckConstraint("CK_Memberships_OneHolder",
                "(\"OrganisationId\" IS NULL) <> (\"CountryCode\" IS NULL)"));
        });

        modelBuilder.Entity<Agreement>(b =>
        {
            ConfigureRecord(b);
            b.Property(a => a.Title).HasMaxLength(Limits.Title);
            b.Property(a => a.RenewalNote).HasMaxLength(Limits.Text);
            b.Property(a => a.StatusNote).HasMaxLength(Limits.Note);
            b.Property(a => a.Scope).HasMaxLength(Limits.Text);
            b.HasMany(a => a.Parties).WithOne().HasForeignKey(p => p.AgreementId).OnDelete(DeleteBehavior.Cascade);
            b.OwnsMany(a => a.Documents, d => d.ToJson());
        });
        modelBuilder.Entity<AgreementParty>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(Limits.Name);
            b.Property(p => p.CountryCode).HasMaxLength(2);
            b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(p => p.Country).WithMany().HasForeignKey(p => p.CountryCode).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Goal>(b =>
        {
            ConfigureRecord(b);
            b.Property(g => g.Statement).HasMaxLength(Limits.Text);
            b.Property(g => g.Indicator).HasMaxLength(Limits.Note);
            b.Property(g => g.Unit).HasMaxLength(Limits.Acronym);
            b.Property(g => g.TargetNote).HasMaxLength(Limits.Note);
            b.Property(g => g.BaselineNote).HasMaxLength(Limits.Note);
            b.Property(g => g.DeadlineNote).HasMaxLength(Limits.Note);
            b.HasOne(g => g.Partnership).WithMany(p => p.Goals).HasForeignKey(g => g.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Measurement>(b =>
        {
            b.Property(m => m.PeriodLabel).HasMaxLength(Limits.Acronym);
            b.Property(m => m.ValueText).HasMaxLength(Limits.Note);
            b.Property(m => m.SourceUrl).HasMaxLength(Limits.Url);
            b.Property(m => m.Note).HasMaxLength(Limits.Note);
            b.HasOne(m => m.Goal).WithMany(g => g.Measurements).HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Cascade);
            // A measurement taken from an outbreak's clock keeps its value if the outbreak record goes.
            b.HasOne<Outbreak>().WithMany().HasForeignKey(m => m.OutbreakId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(m => m.OutbreakId);
        });

        ConfigurePortfolio(modelBuilder);
        ConfigureAccounts(modelBuilder);
        HistoryModel.Configure(modelBuilder);
        OutbreakModel.Configure(modelBuilder);
    }

    private static void ConfigureAccounts(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HealthAccordUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            // Removing an organisation leaves its representatives with no organisation, hence no rights, not removed.
            b.HasOne(u => u.RepresentedOrganisation).WithMany().HasForeignKey(u => u.RepresentedOrganisationId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<IdentityRole>().HasData(AccountRoles.Seed());
        modelBuilder.Entity<EditorPartnership>(b =>
        {
            b.ToTable("EditorPartnerships");
            b.HasKey(e => new { e.UserId, e.PartnershipId });
            b.HasOne<HealthAccordUser>().WithMany(u => u.EditedPartnerships).HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(e => e.Partnership).WithMany().HasForeignKey(e => e.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApiToken>(b =>
        {
            b.ToTable("ApiTokens");
            b.Property(t => t.Name).HasMaxLength(100);
            b.Property(t => t.Hash).HasMaxLength(64);
            b.Property(t => t.Prefix).HasMaxLength(16);
            b.HasIndex(t => t.Hash).IsUnique();
            b.HasOne(t => t.User).WithMany(u => u.ApiTokens).HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigurePortfolio(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Grant>(b =>
        {
            b.HasIndex(g => g.Identifier).IsUnique();
            b.HasIndex(g => g.AwardDate);
            b.Property(g => g.Identifier).HasMaxLength(200);
            b.Property(g => g.Title).HasMaxLength(1000);
            b.Property(g => g.Description).HasMaxLength(20000);
            b.Property(g => g.Currency).HasMaxLength(3);
            b.Property(g => g.EurRate).HasPrecision(18, 6);
            b.Property(g => g.Programme).HasMaxLength(Limits.Title);
            b.Property(g => g.Call).HasMaxLength(Limits.Title);
            b.Property(g => g.Topic).HasMaxLength(Limits.Title);
            b.Property(g => g.SourceDataset).HasMaxLength(Limits.Title);
            b.Property(g => g.Version).IsConcurrencyToken();
            b.HasMany(g => g.Partnerships).WithMany().UsingEntity("GrantPartnerships");
        });
        modelBuilder.Entity<GrantParticipant>(b =>
        {
            b.HasKey(p => new { p.GrantId, p.Position });
            b.HasIndex(p => new { p.OrganisationId, p.Role });
            b.HasOne<Grant>().WithMany(g => g.Participants).HasForeignKey(p => p.GrantId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<GrantCountry>(b =>
        {
            b.ToTable("GrantCountries");
            b.HasKey(c => new { c.GrantId, c.CountryCode });
            b.Property(c => c.CountryCode).HasMaxLength(2);
            b.HasIndex(c => c.CountryCode);
            b.HasOne<Grant>().WithMany(g => g.Countries).HasForeignKey(c => c.GrantId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<Reference.Country>().WithMany().HasForeignKey(c => c.CountryCode).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<GrantPathogen>(b =>
        {
            b.ToTable("GrantPathogens");
            b.HasKey(p => new { p.GrantId, p.Pathogen });
            b.Property(p => p.Pathogen).HasMaxLength(40);
            b.Property(p => p.Rule).HasMaxLength(100);
            // With the grant id in it, the index alone answers "the grants tagged X" (the briefing, the pathogen list).
            b.HasIndex(p => new { p.Pathogen, p.GrantId });
            b.HasOne<Grant>().WithMany(g => g.Pathogens).HasForeignKey(p => p.GrantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<GrantCategory>(b =>
        {
            b.ToTable("GrantCategories");
            b.HasKey(c => new { c.GrantId, c.HrcsCode });
            b.Property(c => c.HrcsCode).HasMaxLength(3);
            b.HasOne<Grant>().WithMany(g => g.Categories).HasForeignKey(c => c.GrantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrganisationIdentifier>(b =>
        {
            b.HasKey(i => i.Value);
            b.Property(i => i.Value).HasMaxLength(200);
            b.HasIndex(i => i.OrganisationId);
            b.HasOne(i => i.Organisation).WithMany(o => o.Identifiers).HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ImportRun>(b =>
        {
            b.Property(r => r.FileName).HasMaxLength(Limits.Title);
            b.Property(r => r.Format).HasMaxLength(40);
            b.Property(r => r.Sha256).HasMaxLength(64);
            b.Property(r => r.Message).HasMaxLength(Limits.Text);
        });
    }

    private static void ConfigureRecord<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> b)
        where T : RegistryRecord
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.OwnsMany(r => r.Sources, s => s.ToJson());
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>When set, timestamps already on added records are kept (used by the registry import).</summary>
    public bool PreserveTimestamps { get; set; }

    private void Stamp()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<RegistryRecord>())
        {
            // Replacing only an owned list (sources, documents) leaves the owner Unchanged; it is still an edit.
            if (entry.State == EntityState.Unchanged
                && entry.Navigations.Any(n => n.IsModified && n.Metadata is Microsoft.EntityFrameworkCore.Metadata.INavigation { TargetEntityType: var target } && target.IsOwned()))
                entry.State = EntityState.Modified;
            switch (entry.State)
            {
                case EntityState.Added when PreserveTimestamps && entry.Entity.CreatedAt != default:
                    break;
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version++;
                    break;
            }
        }
        foreach (var entry in ChangeTracker.Entries<Measurement>())
        {
            if (entry.State == EntityState.Added && entry.Entity.CreatedAt == default) entry.Entity.CreatedAt = now;
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
        v => v.ToString(), v => PartialDate.Parse(v));
}

/// <summary>Maximum text lengths; the API validates against the same numbers the schema enforces.</summary>
public static class Limits
{
    public const int Slug = 60;
    public const int Acronym = 40;
    public const int Name = 300;
    public const int Title = 500;
    public const int Url = 2000;
    public const int Note = 1000;
    public const int Text = 4000;
}
