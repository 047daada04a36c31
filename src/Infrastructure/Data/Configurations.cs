using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Tenancy;
using IntroProgram.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntroProgram.Infrastructure.Data;

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> b)
    {
        b.ToTable("municipalities");
        b.Property(m => m.Name).HasMaxLength(100).IsRequired();
        b.Property(m => m.Number).HasMaxLength(4).IsFixedLength().IsRequired();
        b.Property(m => m.Slug).HasMaxLength(60).IsRequired();
        b.HasIndex(m => m.Number).IsUnique();
        b.HasIndex(m => m.Slug).IsUnique();
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => new { e.TenantId, e.Id });
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.RecordType).HasMaxLength(40);
        b.Property(e => e.RecordId).HasMaxLength(64);
        b.Property(e => e.Details).HasMaxLength(500);
        b.HasIndex(e => new { e.TenantId, e.At });
        b.HasIndex(e => new { e.TenantId, e.ParticipantId, e.At });
        b.HasIndex(e => new { e.TenantId, e.ActorId, e.At });
        b.HasOne<Municipality>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.Title).HasMaxLength(100);
        b.Property(u => u.PreferredLanguage).HasMaxLength(10);
        // Identity saves the whole user row (Update marks every column): a copy loaded before a code was accepted
        // must not write the old step back. Only the token provider's conditional UPDATE sets it.
        b.Property(u => u.AuthenticatorTimeStep).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        // E-mail is the sign-in name across the whole platform, so it is unique across municipalities too.
        b.HasIndex(u => u.NormalizedEmail).IsUnique();
        b.HasIndex(u => u.TenantId);
        b.HasOne<Municipality>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IdentityTableNames :
    IEntityTypeConfiguration<AppRole>, IEntityTypeConfiguration<AppUserRole>, IEntityTypeConfiguration<AppUserClaim>,
    IEntityTypeConfiguration<AppUserLogin>, IEntityTypeConfiguration<AppUserToken>, IEntityTypeConfiguration<AppRoleClaim>
{
    public void Configure(EntityTypeBuilder<AppRole> b) => b.ToTable("roles");
    public void Configure(EntityTypeBuilder<AppUserRole> b) => b.ToTable("user_roles");
    public void Configure(EntityTypeBuilder<AppUserClaim> b) => b.ToTable("user_claims");
    public void Configure(EntityTypeBuilder<AppUserLogin> b) => b.ToTable("user_logins");
    public void Configure(EntityTypeBuilder<AppUserToken> b) => b.ToTable("user_tokens");
    public void Configure(EntityTypeBuilder<AppRoleClaim> b) => b.ToTable("role_claims");
}

internal sealed class StaffSignInProviderConfiguration : IEntityTypeConfiguration<StaffSignInProvider>
{
    public void Configure(EntityTypeBuilder<StaffSignInProvider> b)
    {
        b.ToTable("staff_sign_in_providers");
        b.HasKey(p => p.TenantId);
        b.Property(p => p.Authority).HasMaxLength(StaffSignInProvider.MaxAuthorityLength).IsRequired();
        b.Property(p => p.ClientId).HasMaxLength(StaffSignInProvider.MaxClientIdLength).IsRequired();
        b.Property(p => p.ClientSecretProtected).HasMaxLength(2000).IsRequired();
        b.Property(p => p.EmailClaim).HasMaxLength(StaffSignInProvider.MaxClaimLength).IsRequired();
        b.HasOne<Municipality>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
