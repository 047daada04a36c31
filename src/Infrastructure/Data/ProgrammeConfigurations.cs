using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Data;

// Every key and unique index of a tenant-owned table starts with tenant_id, and every reference between them carries
// it too: rows of one municipality can only point at rows of the same municipality, and the tables are ready to be
// distributed by tenant_id.

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.ToTable("participants");
        b.HasKey(p => new { p.TenantId, p.Id });
        b.Property(p => p.GivenName).HasMaxLength(100);
        b.Property(p => p.FamilyName).HasMaxLength(100);
        b.Property(p => p.NationalIdHash).HasMaxLength(32);
        b.Property(p => p.NationalIdProtected).HasMaxLength(1000);
        b.Property(p => p.NationalIdMasked).HasMaxLength(11);
        b.Property(p => p.CountryOfOrigin).HasMaxLength(2);
        b.Property(p => p.PreferredLanguage).HasMaxLength(10);
        b.Property(p => p.SocialStudiesLanguage).HasMaxLength(10);
        b.Property(p => p.RuleSetId).HasMaxLength(60);
        b.Property(p => p.EndGoal).HasMaxLength(500);
        b.Property(p => p.ExtraNorwegianHoursGranted).HasPrecision(7, 2);
        b.Property(p => p.Version).IsRowVersion();
        b.Ignore(p => p.FullName);
        b.HasIndex(p => new { p.TenantId, p.NationalIdHash }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.Status, p.FamilyName });
        b.HasIndex(p => new { p.TenantId, p.CoordinatorId });
        b.HasIndex(p => new { p.TenantId, p.UserId }).IsUnique().HasFilter("user_id IS NOT NULL");
        b.HasOne<Municipality>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParticipantTotalsConfiguration : IEntityTypeConfiguration<ParticipantTotals>
{
    public void Configure(EntityTypeBuilder<ParticipantTotals> b)
    {
        b.ToTable("participant_totals");
        b.HasKey(t => new { t.TenantId, t.ParticipantId });
        foreach (var p in new[] { nameof(ParticipantTotals.NorwegianHours), nameof(ParticipantTotals.SocialStudiesHours),
                     nameof(ParticipantTotals.CareerGuidanceHours), nameof(ParticipantTotals.WorkOrientedHours),
                     nameof(ParticipantTotals.EducationOrientedHours), nameof(ParticipantTotals.ExtraNorwegianHours),
                     nameof(ParticipantTotals.UnexcusedAbsenceHours), nameof(ParticipantTotals.ExcusedAbsenceHours) })
        {
            b.Property<decimal>(p).HasPrecision(9, 2);
        }
        b.Ignore(t => t.Hours);
        b.Ignore(t => t.Absence);
        b.Property(t => t.ReachedRuleSetId).HasMaxLength(60);
        // The participant list sorted by Norwegian hours (the coordinator's most used order) walks this index and stops
        // after the page instead of sorting every participant of the municipality (docs/performance.md).
        b.HasIndex(t => new { t.TenantId, t.NorwegianHours, t.ParticipantId }).IsDescending(false, true, false);
        b.HasOne<Participant>().WithOne().HasForeignKey<ParticipantTotals>(t => new { t.TenantId, t.ParticipantId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantWeekConfiguration : IEntityTypeConfiguration<ParticipantWeek>
{
    public void Configure(EntityTypeBuilder<ParticipantWeek> b)
    {
        b.ToTable("participant_weeks");
        b.HasKey(w => new { w.TenantId, w.ParticipantId, w.WeekStart });
        b.Property(w => w.NorwegianHours).HasPrecision(7, 2);
        b.Property(w => w.SocialStudiesHours).HasPrecision(7, 2);
        b.Property(w => w.OtherHours).HasPrecision(7, 2);
        b.Ignore(w => w.TotalHours);
        b.HasOne<Participant>().WithMany().HasForeignKey(w => new { w.TenantId, w.ParticipantId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HourLedgerEntryConfiguration : IEntityTypeConfiguration<HourLedgerEntry>
{
    public void Configure(EntityTypeBuilder<HourLedgerEntry> b)
    {
        b.ToTable("hour_entries");
        b.HasKey(e => new { e.TenantId, e.Id });
        b.Property(e => e.Hours).HasPrecision(5, 2);
        b.Property(e => e.ExternalRef).HasMaxLength(100);
        b.Property(e => e.Note).HasMaxLength(500);
        b.Property(e => e.VoidReason).HasMaxLength(500);
        b.Ignore(e => e.IsVoided);
        b.HasIndex(e => new { e.TenantId, e.ParticipantId, e.Date });
        b.HasIndex(e => new { e.TenantId, e.ExternalRef }).IsUnique().HasFilter("external_ref IS NOT NULL");
        b.HasIndex(e => new { e.TenantId, e.ClassSessionId }).HasFilter("class_session_id IS NOT NULL");
        b.HasOne<Participant>().WithMany().HasForeignKey(e => new { e.TenantId, e.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ClassSession>().WithMany().HasForeignKey(e => new { e.TenantId, e.ClassSessionId }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(e => new { e.TenantId, e.ImportBatchId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AbsenceEntryConfiguration : IEntityTypeConfiguration<AbsenceEntry>
{
    public void Configure(EntityTypeBuilder<AbsenceEntry> b)
    {
        b.ToTable("absence_entries");
        b.HasKey(e => new { e.TenantId, e.Id });
        b.Property(e => e.Hours).HasPrecision(5, 2);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Property(e => e.VoidReason).HasMaxLength(500);
        b.Ignore(e => e.IsVoided);
        b.HasIndex(e => new { e.TenantId, e.ParticipantId, e.Date });
        b.HasOne<Participant>().WithMany().HasForeignKey(e => new { e.TenantId, e.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ClassSession>().WithMany().HasForeignKey(e => new { e.TenantId, e.ClassSessionId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClassSessionConfiguration : IEntityTypeConfiguration<ClassSession>
{
    public void Configure(EntityTypeBuilder<ClassSession> b)
    {
        b.ToTable("class_sessions");
        b.HasKey(s => new { s.TenantId, s.Id });
        b.Property(s => s.Hours).HasPrecision(5, 2);
        b.Property(s => s.Title).HasMaxLength(200);
        b.HasIndex(s => new { s.TenantId, s.Date });
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ToTable("import_batches");
        b.HasKey(i => new { i.TenantId, i.Id });
        b.Property(i => i.FileName).HasMaxLength(255);
        b.Property(i => i.FileSha256).HasMaxLength(64).IsFixedLength();
        b.Property(i => i.ImportedHours).HasPrecision(11, 2);
        b.HasIndex(i => new { i.TenantId, i.FileSha256 }).IsUnique();
    }
}

internal sealed class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> b)
    {
        b.ToTable("form_submissions");
        b.HasKey(f => new { f.TenantId, f.Token });
        b.Property(f => f.Kind).HasMaxLength(40);
        b.Property(f => f.ResultId).HasMaxLength(64);
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.ToTable("decisions");
        b.HasKey(d => new { d.TenantId, d.Id });
        b.Property(d => d.Reason).HasMaxLength(2000);
        b.Property(d => d.ExtraHoursTotal).HasPrecision(7, 2);
        b.HasIndex(d => new { d.TenantId, d.ParticipantId, d.DecidedOn });
        b.HasOne<Participant>().WithMany().HasForeignKey(d => new { d.TenantId, d.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TestResultConfiguration : IEntityTypeConfiguration<TestResult>
{
    public void Configure(EntityTypeBuilder<TestResult> b)
    {
        b.ToTable("test_results");
        b.HasKey(r => new { r.TenantId, r.Id });
        b.Property(r => r.Language).HasMaxLength(10);
        b.Property(r => r.Note).HasMaxLength(500);
        b.HasIndex(r => new { r.TenantId, r.ParticipantId, r.TakenOn });
        b.HasOne<Participant>().WithMany().HasForeignKey(r => new { r.TenantId, r.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RiskFlagConfiguration : IEntityTypeConfiguration<RiskFlag>
{
    public void Configure(EntityTypeBuilder<RiskFlag> b)
    {
        b.ToTable("risk_flags");
        b.HasKey(f => new { f.TenantId, f.Id });
        b.Property(f => f.Rule).HasMaxLength(60);
        b.Property(f => f.Facts).HasColumnType("jsonb");
        b.Property(f => f.AcknowledgementNote).HasMaxLength(1000);
        // At most one open flag per rule and participant: re-evaluation updates it instead of adding another.
        b.HasIndex(f => new { f.TenantId, f.ParticipantId, f.Rule }).IsUnique().HasFilter("resolved_at IS NULL");
        b.HasOne<Participant>().WithMany().HasForeignKey(f => new { f.TenantId, f.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
    }
}
