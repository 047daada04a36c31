using System.Security.Cryptography;
using IntroProgram.Domain.Certificates;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntroProgram.Infrastructure.Certificates;

/// <summary>What the public verification page may say: no more than the document itself shows, and less.</summary>
public sealed record VerifiedCertificate(
    CertificateKind Kind, string Number, bool IsRevoked, DateTimeOffset? RevokedAt, string MunicipalityName, string MunicipalityNumber,
    DateOnly IssuedOn, string HolderInitials, int HolderBirthYear, DateOnly? ProgrammeStart, DateOnly? ProgrammeEnd,
    DateOnly? EvidenceDeadline, decimal NorwegianHours, decimal SocialStudiesHours, decimal? ExtraNorwegianHours,
    decimal? CareerGuidanceHours, decimal? WorkOrientedHours, decimal? EducationOrientedHours);

/// <summary>
/// Answers the public verification page, which has no signed-in user: the platform lookup table names the
/// municipality, and the certificate is then read inside that municipality's scope like any other tenant read.
/// </summary>
public sealed class CertificateVerifier(AppDbContext platformDb, TenantScopeFactory scopes)
{
    public async Task<VerifiedCertificate?> FindAsync(string code, CancellationToken ct = default)
    {
        var found = await LocateAsync(code, ct);
        if (found is null)
        {
            return null;
        }
        await using var scope = scopes.ForTenant(found.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Certificates.AsNoTracking().Where(c => c.Id == found.CertificateId)
            .Select(c => new VerifiedCertificate(c.Kind, c.Number, c.RevokedAt != null, c.RevokedAt, c.MunicipalityName, c.MunicipalityNumber,
                c.IssuedOn, c.HolderInitials, c.HolderBirthYear, c.ProgrammeStart, c.ProgrammeEnd, c.EvidenceDeadline,
                c.NorwegianHours, c.SocialStudiesHours, c.ExtraNorwegianHours, c.CareerGuidanceHours, c.WorkOrientedHours, c.EducationOrientedHours))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>True when the bytes are exactly the issued PDF; null when the code is unknown.</summary>
    public async Task<bool?> MatchesAsync(string code, Stream upload, CancellationToken ct = default)
    {
        var found = await LocateAsync(code, ct);
        if (found is null)
        {
            return null;
        }
        var hash = await SHA256.HashDataAsync(upload, ct);
        await using var scope = scopes.ForTenant(found.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.Certificates.AsNoTracking().Where(c => c.Id == found.CertificateId).Select(c => c.Sha256).FirstOrDefaultAsync(ct);
        return stored is not null && CryptographicOperations.FixedTimeEquals(stored, hash);
    }

    private async Task<CertificateVerification?> LocateAsync(string code, CancellationToken ct) =>
        CertificateIssuer.LooksLikeVerificationCode(code)
            ? await platformDb.CertificateVerifications.AsNoTracking()
                .FirstOrDefaultAsync(v => v.Code == CertificateIssuer.VerificationLookupKey(code), ct)
            : null;
}
