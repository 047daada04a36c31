using System.Linq.Expressions;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Identity;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntroProgram.Infrastructure.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant)
    : IdentityDbContext<AppUser, AppRole, Guid, AppUserClaim, AppUserRole, AppUserLogin, AppRoleClaim, AppUserToken>(options),
      IDataProtectionKeyContext
{
    /// <summary>The name of the query filter that limits every tenant-owned entity to the current municipality.</summary>
    public const string TenantFilter = "Tenant";

    public ITenantContext Tenant { get; } = tenant;

    /// <summary>Read by the query filters: EF evaluates it per query, as a parameter.</summary>
    public Guid? CurrentTenantId => Tenant.TenantId;

    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<ParticipantTotals> ParticipantTotals => Set<ParticipantTotals>();
    public DbSet<ParticipantWeek> ParticipantWeeks => Set<ParticipantWeek>();
    public DbSet<HourLedgerEntry> HourEntries => Set<HourLedgerEntry>();
    public DbSet<AbsenceEntry> AbsenceEntries => Set<AbsenceEntry>();
    public DbSet<ClassSession> ClassSessions => Set<ClassSession>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<FormSubmission> FormSubmissions => Set<FormSubmission>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<TestResult> TestResults => Set<TestResult>();
    public DbSet<RiskFlag> RiskFlags => Set<RiskFlag>();
    public DbSet<CompetenceMapping> CompetenceMappings => Set<CompetenceMapping>();
    public DbSet<IndividualPlan> IndividualPlans => Set<IndividualPlan>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateBatch> CertificateBatches => Set<CertificateBatch>();
    public DbSet<CertificateNumberSeries> CertificateNumberSeries => Set<CertificateNumberSeries>();
    public DbSet<CertificateVerification> CertificateVerifications => Set<CertificateVerification>();
    public DbSet<StaffSignInProvider> StaffSignInProviders => Set<StaffSignInProvider>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            var clr = entityType.ClrType;
            if (typeof(ITenantOwned).IsAssignableFrom(clr))
            {
                GetType().GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(clr).Invoke(this, [builder]);
            }
            else if (typeof(IUserTenantScoped).IsAssignableFrom(clr))
            {
                GetType().GetMethod(nameof(ApplyUserTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(clr).Invoke(this, [builder]);
            }
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<T>().HasQueryFilter(TenantFilter, filter);
        // Tables keyed by (tenant_id, …) are already indexed by tenant; others get their own index.
        if (builder.Entity<T>().Metadata.FindPrimaryKey()?.Properties[0].Name != nameof(ITenantOwned.TenantId))
        {
            builder.Entity<T>().HasIndex(e => e.TenantId);
        }
    }

    private void ApplyUserTenantFilter<T>(ModelBuilder builder) where T : class, IUserTenantScoped
    {
        Expression<Func<T, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<T>().HasQueryFilter(TenantFilter, filter);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampAndGuardTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampAndGuardTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// New tenant-owned rows get the scope's municipality; any row of another municipality, new or changed, is refused
    /// before it reaches the database (where row-level security would refuse it again).
    /// </summary>
    private void StampAndGuardTenant()
    {
        var current = CurrentTenantId;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case ITenantOwned owned:
                    if (current is null)
                    {
                        throw new TenantMismatchException($"A {entry.Metadata.ClrType.Name} cannot be saved outside a municipality.");
                    }
                    if (entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
                    {
                        owned.TenantId = current.Value;
                    }
                    else if (owned.TenantId != current.Value)
                    {
                        throw new TenantMismatchException($"A {entry.Metadata.ClrType.Name} of another municipality cannot be saved here.");
                    }
                    break;
                case IUserTenantScoped scoped:
                    if (entry.State == EntityState.Added && scoped.TenantId is null)
                    {
                        scoped.TenantId = current;
                    }
                    else if (scoped.TenantId != current)
                    {
                        throw new TenantMismatchException($"A {entry.Metadata.ClrType.Name} of another municipality cannot be saved here.");
                    }
                    break;
            }
        }
    }
}

public sealed class TenantMismatchException(string message) : InvalidOperationException(message);
