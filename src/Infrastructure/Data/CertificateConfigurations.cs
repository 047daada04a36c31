using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Data;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("certificates", t =>
        {
            t.HasCheckConstraint("ck_certificates_sequence_positive", "sequence > 0");
            t.HasCheckConstraint("ck_certificates_sha256_length", "octet_length(sha256) = 32");
        });
        b.HasKey(c => new { c.TenantId, c.Id });
        b.Property(c => c.Number).HasMaxLength(20).IsRequired();
        b.Property(c => c.VerificationCode).HasMaxLength(40).IsRequired();
        b.Property(c => c.IssuerName).HasMaxLength(200).IsRequired();
        b.Property(c => c.IssuerTitle).HasMaxLength(200);
        b.Property(c => c.MunicipalityName).HasMaxLength(100).IsRequired();
        b.Property(c => c.MunicipalityNumber).HasMaxLength(4).IsRequired();
        b.Property(c => c.HolderInitials).HasMaxLength(20).IsRequired();
        b.Property(c => c.RevocationReason).HasMaxLength(CertificateRules.RevocationReasonMaxLength);
        foreach (var p in new[] { nameof(Certificate.NorwegianHours), nameof(Certificate.SocialStudiesHours), nameof(Certificate.ExtraNorwegianHours),
                     nameof(Certificate.CareerGuidanceHours), nameof(Certificate.WorkOrientedHours), nameof(Certificate.EducationOrientedHours) })
        {
            b.Property(p).HasPrecision(9, 2);
        }
        b.HasIndex(c => new { c.TenantId, c.Year, c.Sequence }).IsUnique();
        b.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
        b.HasIndex(c => c.VerificationCode).IsUnique();
        // One valid certificate of each kind per participant: a second one needs the first revoked.
        b.HasIndex(c => new { c.TenantId, c.ParticipantId, c.Kind }).IsUnique().HasFilter("revoked_at IS NULL");
        b.HasIndex(c => new { c.TenantId, c.IssuedOn });
        b.HasOne<Participant>().WithMany().HasForeignKey(c => new { c.TenantId, c.ParticipantId }).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateBatchConfiguration : IEntityTypeConfiguration<CertificateBatch>
{
    public void Configure(EntityTypeBuilder<CertificateBatch> b)
    {
        b.ToTable("certificate_batches");
        b.HasKey(c => new { c.TenantId, c.Id });
        b.Property(c => c.Error).HasMaxLength(500);
        b.HasIndex(c => new { c.TenantId, c.RequestedAt });
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateNumberSeriesConfiguration : IEntityTypeConfiguration<CertificateNumberSeries>
{
    public void Configure(EntityTypeBuilder<CertificateNumberSeries> b)
    {
        b.ToTable("certificate_number_series");
        b.HasKey(c => new { c.TenantId, c.Year });
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CertificateVerificationConfiguration : IEntityTypeConfiguration<CertificateVerification>
{
    public void Configure(EntityTypeBuilder<CertificateVerification> b)
    {
        b.ToTable("certificate_verifications");
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(64);
        b.HasOne<Municipality>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
