using IntroProgram.Domain.Risk;
using IntroProgram.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Risk;

internal sealed class RiskEvaluationRunConfiguration : IEntityTypeConfiguration<RiskEvaluationRun>
{
    public void Configure(EntityTypeBuilder<RiskEvaluationRun> b)
    {
        b.ToTable("risk_evaluation_runs");
        b.Property(r => r.Node).HasMaxLength(200);
        b.HasIndex(r => r.StartedAt);
    }
}

internal sealed class RiskEvaluationResultConfiguration : IEntityTypeConfiguration<RiskEvaluationResult>
{
    public void Configure(EntityTypeBuilder<RiskEvaluationResult> b)
    {
        b.ToTable("risk_evaluation_results");
        b.HasKey(r => new { r.TenantId, r.Id });
        b.Property(r => r.Error).HasMaxLength(1000);
        b.Ignore(r => r.Duration);
        b.HasIndex(r => new { r.TenantId, r.StartedAt });
        b.HasOne<Municipality>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
