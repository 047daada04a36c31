using IntroProgram.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Jobs;

public enum JobRequestKind
{
    /// <summary>"Evaluate now" for one municipality.</summary>
    RiskEvaluation = 1,

    /// <summary>A certificate batch; <see cref="JobRequest.SubjectId"/> is the batch.</summary>
    CertificateBatch = 2,
}

/// <summary>
/// Work a user asked for, recorded in the same transaction as what caused it, then handed to Hangfire. Holds ids
/// only. The request is the truth: a hand-over that failed is repeated by the sweep, and a job that finds its
/// request already taken by another job does nothing, so a request is worked on once however often it is handed over.
/// Platform data (no row-level security): it names a municipality by id and nothing of its content.
/// </summary>
public sealed class JobRequest
{
    public Guid Id { get; set; }
    public JobRequestKind Kind { get; set; }
    public Guid TenantId { get; set; }
    public Guid? SubjectId { get; set; }
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>The Hangfire job it was last handed to; null until the hand-over succeeded.</summary>
    public string? JobId { get; set; }

    /// <summary>The Hangfire job that took it; only that job (or its retry) may work on it.</summary>
    public string? TakenBy { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class JobRequestConfiguration : IEntityTypeConfiguration<JobRequest>
{
    /// <summary>At most one "evaluate now" waits per municipality: the database refuses a second (the de-duplication of clicks).</summary>
    public const string OneWaitingEvaluation = "ux_job_requests_one_waiting_evaluation";

    public void Configure(EntityTypeBuilder<JobRequest> b)
    {
        b.ToTable("job_requests");
        b.Property(r => r.JobId).HasMaxLength(40);
        b.Property(r => r.TakenBy).HasMaxLength(40);
        b.HasIndex(r => r.TenantId).IsUnique().HasDatabaseName(OneWaitingEvaluation)
            .HasFilter($"kind = {(int)JobRequestKind.RiskEvaluation} AND started_at IS NULL");
        b.HasIndex(r => r.RequestedAt).HasFilter("started_at IS NULL").HasDatabaseName("ix_job_requests_waiting");
        b.HasIndex(r => r.SubjectId);
        b.HasOne<Municipality>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
