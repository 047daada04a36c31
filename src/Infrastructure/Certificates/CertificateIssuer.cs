using System.Security.Cryptography;
using IntroProgram.Domain.Auditing;
using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Ledger;
using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;
using IntroProgram.Infrastructure.Auditing;
using IntroProgram.Infrastructure.Data;
using IntroProgram.Infrastructure.Participants;
using IntroProgram.Infrastructure.Pdf;
using IntroProgram.Infrastructure.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using QRCoder;

namespace IntroProgram.Infrastructure.Certificates;

/// <summary>What the participant page shows about one kind of certificate.</summary>
public sealed record CertificateStanding(CertificateEligibility Eligibility, Guid? ValidCertificateId, string? ValidNumber);

/// <summary>
/// Issues, previews and revokes certificates. An issued certificate's PDF is rendered once, inside the transaction
/// that takes its number, and stored with its SHA-256: every download returns those bytes. The number comes from
/// a per-municipality, per-year counter row updated in the same transaction, so concurrent issuers wait for each
/// other and a failed issue (rendering error, crash) rolls its number back: the series has no gaps.
/// </summary>
public sealed class CertificateIssuer(
    AppDbContext db,
    RuleSetCatalog ruleSets,
    NationalIdProtector nationalIds,
    ICertificateTemplate template,
    IPdfRenderer pdf,
    AuditLog audit,
    TimeProvider clock,
    IOptions<PublicAddressOptions> address)
{
    public const string RecordType = "Certificate";

    private DateOnly Today => clock.OsloToday();

    /// <summary>Both kinds, for the participant page; null when the participant is not in this municipality.</summary>
    public async Task<IReadOnlyList<CertificateStanding>?> StandingAsync(Guid participantId, CancellationToken ct = default)
    {
        var facts = await FactsAsync(participantId, ct);
        return facts is null ? null : await StandingAsync(facts, ct);
    }

    /// <summary>Both kinds, for a participant the caller has read already (this municipality's), with their leave.</summary>
    public async Task<IReadOnlyList<CertificateStanding>> StandingAsync(Participant participant, IReadOnlyList<LeavePeriod> leave, CancellationToken ct = default) =>
        await StandingAsync(await FactsAsync(participant, leave, ct), ct);

    private async Task<IReadOnlyList<CertificateStanding>> StandingAsync(Facts facts, CancellationToken ct)
    {
        var participantId = facts.Participant.Id;
        var valid = await db.Certificates.AsNoTracking()
            .Where(c => c.ParticipantId == participantId && c.RevokedAt == null)
            .Select(c => new { c.Kind, c.Id, c.Number }).ToListAsync(ct);
        return new[] { CertificateKind.PermanentResidenceEvidence, CertificateKind.Participation }.Select(kind =>
        {
            var mine = valid.FirstOrDefault(v => v.Kind == kind);
            return new CertificateStanding(Eligibility(facts, kind), mine?.Id, mine?.Number);
        }).ToList();
    }

    /// <summary>The document as it would be issued today, marked as a preview, with no number taken.</summary>
    public async Task<(CommandResult Result, byte[]? Pdf)> PreviewAsync(Guid participantId, CertificateKind kind, Guid issuerId, CancellationToken ct = default)
    {
        var facts = await FactsAsync(participantId, ct);
        if (facts is null)
        {
            return (CommandResult.NotFound, null);
        }
        var eligibility = Eligibility(facts, kind);
        if (!eligibility.IsEligible)
        {
            return (Refused(eligibility), null);
        }
        var document = await ComposeAsync(facts, kind, issuerId, number: "", code: "preview", isPreview: true, ct);
        return (CommandResult.Done(participantId), await pdf.RenderAsync(await template.RenderAsync(document, ct), ct));
    }

    public async Task<CommandResult> IssueAsync(Guid participantId, CertificateKind kind, Guid issuerId, Guid? batchId = null, CancellationToken ct = default)
    {
        var facts = await FactsAsync(participantId, ct);
        if (facts is null)
        {
            return CommandResult.NotFound;
        }
        var eligibility = Eligibility(facts, kind);
        if (!eligibility.IsEligible)
        {
            return Refused(eligibility);
        }
        var code = NewVerificationCode();
        var issuedOn = Today;
        db.ChangeTracker.Clear();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Taking the number first serialises issuers in this municipality; checking for a valid certificate
            // after it sees any that a concurrent issuer just committed.
            var sequence = await NextSequenceAsync(facts.Participant.TenantId, issuedOn.Year, ct);
            var existing = await db.Certificates.AsNoTracking()
                .Where(c => c.ParticipantId == participantId && c.Kind == kind && c.RevokedAt == null)
                .Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                await tx.RollbackAsync(ct);
                return CommandResult.Invalid("kind", CertificateErrors.AlreadyIssued);
            }
            var number = Certificate.FormatNumber(facts.MunicipalityNumber, issuedOn.Year, sequence);
            var document = await ComposeAsync(facts, kind, issuerId, number, code, isPreview: false, ct);
            var bytes = await pdf.RenderAsync(await template.RenderAsync(document, ct), ct);
            var replaces = await db.Certificates.AsNoTracking()
                .Where(c => c.ParticipantId == participantId && c.Kind == kind && c.RevokedAt != null)
                .OrderByDescending(c => c.RevokedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            var certificate = new Certificate
            {
                TenantId = facts.Participant.TenantId,
                Id = Guid.CreateVersion7(),
                ParticipantId = participantId,
                Kind = kind,
                Year = issuedOn.Year,
                Sequence = sequence,
                Number = number,
                VerificationCode = code,
                IssuedOn = issuedOn,
                IssuedAt = clock.GetUtcNow(),
                IssuedBy = issuerId,
                IssuerName = document.IssuerName,
                IssuerTitle = document.IssuerTitle,
                MunicipalityName = document.MunicipalityName,
                MunicipalityNumber = document.MunicipalityNumber,
                HolderInitials = Certificate.InitialsOf(facts.Participant.GivenName, facts.Participant.FamilyName),
                HolderBirthYear = facts.Participant.BirthDate.Year,
                ProgrammeStart = document.ProgrammeStart,
                ProgrammeEnd = document.ProgrammeEnd,
                EvidenceDeadline = document.EvidenceDeadline,
                Outcome = document.Outcome,
                NorwegianHours = document.NorwegianHours,
                SocialStudiesHours = document.SocialStudiesHours,
                ExtraNorwegianHours = document.ExtraNorwegianHours,
                CareerGuidanceHours = document.CareerGuidanceHours,
                WorkOrientedHours = document.WorkOrientedHours,
                EducationOrientedHours = document.EducationOrientedHours,
                Pdf = bytes,
                Sha256 = SHA256.HashData(bytes),
                ReplacesId = replaces,
                BatchId = batchId,
            };
            db.Certificates.Add(certificate);
            db.CertificateVerifications.Add(new CertificateVerification { Code = VerificationLookupKey(code), TenantId = certificate.TenantId, CertificateId = certificate.Id });
            audit.Add(AuditAction.Create, RecordType, certificate.Id.ToString(), participantId,
                $"{KindName(kind)} {number}" + (batchId is null ? "" : " (batch)"), issuerId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CommandResult.Done(certificate.Id);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            // A concurrent issue for the same participant and kind won; this one rolled back, number included.
            return CommandResult.Invalid("kind", CertificateErrors.AlreadyIssued);
        }
    }

    public async Task<CommandResult> RevokeAsync(Guid certificateId, string? reason, Guid userId, CancellationToken ct = default)
    {
        var certificate = await db.Certificates.FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null)
        {
            return CommandResult.NotFound;
        }
        if (certificate.IsRevoked)
        {
            return CommandResult.Invalid("reason", CertificateErrors.AlreadyRevoked);
        }
        var errors = CertificateRules.ValidateRevocation(reason);
        if (errors.Count > 0)
        {
            return CommandResult.Invalid(errors.Select(e => new FieldError("reason", e)).ToList());
        }
        certificate.RevokedAt = clock.GetUtcNow();
        certificate.RevokedBy = userId;
        certificate.RevocationReason = reason!.Trim();
        audit.Add(AuditAction.Change, RecordType, certificate.Id.ToString(), certificate.ParticipantId, $"revoked {certificate.Number}", userId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation })
        {
            return CommandResult.Invalid("reason", CertificateErrors.AlreadyRevoked); // revoked by someone else just now
        }
        return CommandResult.Done(certificate.Id);
    }

    /// <summary>The stored bytes, unchanged since issue; the download is audited.</summary>
    public async Task<(string Number, byte[] Pdf, Guid ParticipantId)?> DownloadAsync(Guid certificateId, Guid? userId, CancellationToken ct = default)
    {
        var found = await db.Certificates.AsNoTracking().Where(c => c.Id == certificateId)
            .Select(c => new { c.Number, c.Pdf, c.ParticipantId }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        await audit.WriteAsync(AuditAction.Download, RecordType, certificateId.ToString(), found.ParticipantId, found.Number, userId, ct);
        return (found.Number, found.Pdf, found.ParticipantId);
    }

    private static CommandResult Refused(CertificateEligibility eligibility) =>
        CommandResult.Invalid(eligibility.Refusals.Select(r => new FieldError("kind", r)).ToList());

    private static string KindName(CertificateKind kind) => kind == CertificateKind.PermanentResidenceEvidence ? "evidence" : "participation";

    private sealed record Facts(
        Participant Participant, RuleSet RuleSet, ProgrammeDeadlines? Deadlines, string MunicipalityName, string MunicipalityNumber,
        HourTotals WithinDeadline);

    private async Task<Facts?> FactsAsync(Guid participantId, CancellationToken ct)
    {
        var participant = await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct);
        if (participant is null)
        {
            return null;
        }
        var leave = await db.Decisions.AsNoTracking()
            .Where(d => d.ParticipantId == participantId && d.Kind == DecisionKind.Leave && d.PeriodStart != null && d.PeriodEnd != null)
            .Select(d => new LeavePeriod(d.PeriodStart!.Value, d.PeriodEnd!.Value)).ToListAsync(ct);
        return await FactsAsync(participant, leave, ct);
    }

    private async Task<Facts> FactsAsync(Participant participant, IReadOnlyList<LeavePeriod> leave, CancellationToken ct)
    {
        var participantId = participant.Id;
        var ruleSet = ruleSets.Get(participant.RuleSetId);
        var deadlines = ParticipantSchedule.Deadlines(participant, ruleSet, leave);
        var municipality = await db.Municipalities.AsNoTracking().Where(m => m.Id == participant.TenantId)
            .Select(m => new { m.Name, m.Number }).FirstAsync(ct);
        var within = HourTotals.Zero;
        if (deadlines is not null)
        {
            // Only hours dated on or before the evidence deadline count towards the evidence.
            var deadline = deadlines.EvidenceDeadline;
            var sums = await db.HourEntries.AsNoTracking()
                .Where(e => e.ParticipantId == participantId && e.VoidedAt == null && e.Date <= deadline
                            && (e.Category == HourCategory.Norwegian || e.Category == HourCategory.SocialStudies))
                .GroupBy(e => e.Category).Select(g => new { Category = g.Key, Hours = g.Sum(e => e.Hours) }).ToListAsync(ct);
            within = within with
            {
                Norwegian = sums.FirstOrDefault(s => s.Category == HourCategory.Norwegian)?.Hours ?? 0m,
                SocialStudies = sums.FirstOrDefault(s => s.Category == HourCategory.SocialStudies)?.Hours ?? 0m,
            };
        }
        return new Facts(participant, ruleSet, deadlines, municipality.Name, municipality.Number.Trim(), within);
    }

    private static CertificateEligibility Eligibility(Facts facts, CertificateKind kind) => kind == CertificateKind.PermanentResidenceEvidence
        ? CertificateRules.Evidence(facts.Participant.ProgrammeStart, facts.WithinDeadline.Norwegian, facts.WithinDeadline.SocialStudies, facts.RuleSet)
        : CertificateRules.Participation(facts.Participant.Status, facts.Participant.EndedOn);

    private async Task<CertificateDocument> ComposeAsync(Facts facts, CertificateKind kind, Guid issuerId, string number, string code, bool isPreview, CancellationToken ct)
    {
        var p = facts.Participant;
        var issuer = await db.Users.AsNoTracking().Where(u => u.Id == issuerId).Select(u => new { u.DisplayName, u.Title }).FirstOrDefaultAsync(ct);
        var url = address.Value.Link("/verify/" + code);
        var evidence = kind == CertificateKind.PermanentResidenceEvidence;
        var totals = evidence ? null : await db.ParticipantTotals.AsNoTracking().FirstAsync(t => t.ParticipantId == p.Id, ct);
        var tests = evidence ? [] : await db.TestResults.AsNoTracking().Where(t => t.ParticipantId == p.Id).OrderBy(t => t.TakenOn)
            .Select(t => new CertificateTest(t.Kind, t.TakenOn, t.Reading, t.Listening, t.Writing, t.Oral, t.Passed)).ToListAsync(ct);
        return new CertificateDocument
        {
            Kind = kind,
            IsPreview = isPreview,
            Number = number,
            MunicipalityName = facts.MunicipalityName,
            MunicipalityNumber = facts.MunicipalityNumber,
            HolderName = p.FullName,
            BirthDate = p.BirthDate,
            NationalId = nationalIds.Unprotect(p.NationalIdProtected),
            IssuedOn = Today,
            IssuerName = issuer?.DisplayName ?? "",
            IssuerTitle = issuer?.Title,
            ProgrammeStart = p.ProgrammeStart,
            ProgrammeEnd = evidence ? null : p.EndedOn,
            EvidenceDeadline = evidence ? facts.Deadlines?.EvidenceDeadline : null,
            Outcome = evidence ? null : p.Status,
            NorwegianHours = evidence ? facts.WithinDeadline.Norwegian : totals!.NorwegianHours,
            NorwegianHoursRequired = facts.RuleSet.NorwegianHoursRequired,
            SocialStudiesHours = evidence ? facts.WithinDeadline.SocialStudies : totals!.SocialStudiesHours,
            SocialStudiesHoursRequired = facts.RuleSet.SocialStudiesHoursRequired,
            ExtraNorwegianHours = totals?.ExtraNorwegianHours,
            CareerGuidanceHours = totals?.CareerGuidanceHours,
            WorkOrientedHours = totals?.WorkOrientedHours,
            EducationOrientedHours = totals?.EducationOrientedHours,
            Tests = tests,
            VerificationUrl = url,
            QrCodeDataUri = QrCodeDataUri(url),
        };
    }

    private async Task<int> NextSequenceAsync(Guid tenantId, int year, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>($"""
            INSERT INTO certificate_number_series (tenant_id, year, last_sequence) VALUES ({tenantId}, {year}, 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_sequence = certificate_number_series.last_sequence + 1
            RETURNING last_sequence AS "Value"
            """).ToListAsync(ct)).Single();

    /// <summary>160 random bits in lower-case base32: unguessable, readable aloud, safe in a URL.</summary>
    public static string NewVerificationCode()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[32];
        int buffer = 0, bits = 0, next = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8 | b) & 0xFFFF;
            bits += 8;
            while (bits >= 5)
            {
                chars[next++] = alphabet[buffer >> (bits - 5) & 31];
                bits -= 5;
            }
        }
        return new string(chars);
    }

    /// <summary>
    /// The platform lookup table stores a hash of the code, not the code: whoever can read that table still cannot
    /// open a verification page with what they read.
    /// </summary>
    public static string VerificationLookupKey(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(code)));

    public static bool LooksLikeVerificationCode(string? code) =>
        code is { Length: 32 } && code.All(c => c is >= 'a' and <= 'z' or >= '2' and <= '7');

    /// <summary>The QR code of a link as a PNG data URI, so the document loads nothing from anywhere.</summary>
    public static string QrCodeDataUri(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
