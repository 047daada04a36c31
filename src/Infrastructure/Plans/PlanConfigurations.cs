using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Plans;

// Version tables: rows are only ever added (the app role cannot update or delete them). The fields a municipality
// counts or filters by are columns; lists are JSON documents stored with the version they belong to.

internal sealed class CompetenceMappingConfiguration : IEntityTypeConfiguration<CompetenceMapping>
{
    public void Configure(EntityTypeBuilder<CompetenceMapping> b)
    {
        b.ToTable("competence_mappings", t =>
        {
            t.HasCheckConstraint("ck_competence_mappings_version", "version >= 1");
            t.HasCheckConstraint("ck_competence_mappings_schooling_years", "schooling_years IS NULL OR schooling_years BETWEEN 0 AND 30");
        });
        b.HasKey(m => new { m.TenantId, m.Id });
        b.Property(m => m.Reason).HasMaxLength(VersionReason.MaxLength);
        b.Property(m => m.SchoolingCountry).HasMaxLength(2);
        b.Property(m => m.DocumentedQualifications).HasMaxLength(CompetenceMappingRules.MaxTextLength);
        b.Property(m => m.UndocumentedQualifications).HasMaxLength(CompetenceMappingRules.MaxTextLength);
        b.Property(m => m.OwnWishes).HasMaxLength(CompetenceMappingRules.MaxTextLength);
        b.Ignore(m => m.IsCompleted);
        b.OwnsMany(m => m.Languages, o => o.ToJson("languages"));
        b.OwnsMany(m => m.WorkExperience, o => o.ToJson("work_experience"));
        b.HasIndex(m => new { m.TenantId, m.ParticipantId, m.Version }).IsUnique();
        b.HasOne<Participant>().WithMany().HasForeignKey(m => new { m.TenantId, m.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndividualPlanConfiguration : IEntityTypeConfiguration<IndividualPlan>
{
    public void Configure(EntityTypeBuilder<IndividualPlan> b)
    {
        b.ToTable("individual_plans", t => t.HasCheckConstraint("ck_individual_plans_version", "version >= 1"));
        b.HasKey(p => new { p.TenantId, p.Id });
        b.Property(p => p.Reason).HasMaxLength(VersionReason.MaxLength);
        b.Property(p => p.GoalDescription).HasMaxLength(PlanRules.MaxDescriptionLength);
        b.OwnsMany(p => p.Measures, o =>
        {
            o.ToJson("measures");
            o.Property(m => m.Provider).HasMaxLength(PlanRules.MaxProviderLength);
            o.Property(m => m.HoursPerWeek).HasPrecision(5, 2);
        });
        b.HasIndex(p => new { p.TenantId, p.ParticipantId, p.Version }).IsUnique();
        b.HasOne<Participant>().WithMany().HasForeignKey(p => new { p.TenantId, p.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
    }
}
