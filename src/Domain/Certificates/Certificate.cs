using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Tenancy;

namespace IntroProgram.Domain.Certificates;

/// <summary>Stored values; never renumber.</summary>
public enum CertificateKind
{
    /// <summary>"Bekreftelse på gjennomført opplæring i norsk og samfunnskunnskap": evidence for permanent residence.</summary>
    PermanentResidenceEvidence = 0,

    /// <summary>"Deltakerbevis": what the participant did, issued when the programme has ended.</summary>
    Participation = 1,
}

/// <summary>
/// An issued certificate. The PDF bytes are stored once and never regenerated; a database trigger lets only the
/// revocation columns change, once. The holder's initials, birth year and hours are copied from what the document
/// shows, so the public verification page answers from the issued content, never from today's data.
/// </summary>
public class Certificate : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public CertificateKind Kind { get; set; }

    /// <summary>The issue year the number belongs to.</summary>
    public int Year { get; set; }

    /// <summary>1, 2, 3 … within the municipality and year, without gaps.</summary>
    public int Sequence { get; set; }

    /// <summary>"4601-2026-00042": municipality number, year, sequence.</summary>
    public string Number { get; set; } = "";

    /// <summary>Unguessable code of the public verification page; not personal data.</summary>
    public string VerificationCode { get; set; } = "";

    public DateOnly IssuedOn { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Guid? IssuedBy { get; set; }
    public string IssuerName { get; set; } = "";
    public string? IssuerTitle { get; set; }

    public string MunicipalityName { get; set; } = "";
    public string MunicipalityNumber { get; set; } = "";
    public string HolderInitials { get; set; } = "";
    public int HolderBirthYear { get; set; }

    public DateOnly? ProgrammeStart { get; set; }
    public DateOnly? ProgrammeEnd { get; set; }
    /// <summary>For the evidence certificate: the last day on which hours counted.</summary>
    public DateOnly? EvidenceDeadline { get; set; }
    /// <summary>For a participation certificate: how the programme ended.</summary>
    public ParticipantStatus? Outcome { get; set; }

    public decimal NorwegianHours { get; set; }
    public decimal SocialStudiesHours { get; set; }
    public decimal? ExtraNorwegianHours { get; set; }
    public decimal? CareerGuidanceHours { get; set; }
    public decimal? WorkOrientedHours { get; set; }
    public decimal? EducationOrientedHours { get; set; }

    public byte[] Pdf { get; set; } = [];
    public byte[] Sha256 { get; set; } = [];

    /// <summary>The revoked certificate this one replaces, when reissued.</summary>
    public Guid? ReplacesId { get; set; }
    /// <summary>The batch that issued it, if any.</summary>
    public Guid? BatchId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedBy { get; set; }
    public string? RevocationReason { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public static string FormatNumber(string municipalityNumber, int year, int sequence) =>
        $"{municipalityNumber}-{year:D4}-{sequence:D5}";

    /// <summary>First letter of each part of the given and family names, upper case: "K. A. H." style without dots.</summary>
    public static string InitialsOf(string givenName, string familyName) =>
        string.Concat((givenName + " " + familyName)
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0])));
}

/// <summary>One run of "issue participation certificates for everyone who completed in a month".</summary>
public class CertificateBatch : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>First day of the month whose completions are covered.</summary>
    public DateOnly Month { get; set; }
    public Guid? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public CertificateBatchStatus Status { get; set; }
    public int Total { get; set; }
    public int Issued { get; set; }
    /// <summary>Already had a valid participation certificate (or one was issued by an earlier attempt).</summary>
    public int Skipped { get; set; }
    public int Failed { get; set; }
    /// <summary>Type and message of a failure; never personal data.</summary>
    public string? Error { get; set; }
}

/// <summary>Stored values; never renumber.</summary>
public enum CertificateBatchStatus
{
    Queued = 0,
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// Maps a verification code to its municipality, so the public page can find a certificate without a signed-in user.
/// A platform table holding no personal data; it keeps a SHA-256 of the code (hex), never the code itself.
/// </summary>
public class CertificateVerification
{
    public string Code { get; set; } = "";
    public Guid TenantId { get; set; }
    public Guid CertificateId { get; set; }
}

/// <summary>The last number used per municipality and year; the row lock makes concurrent issuing gap-free.</summary>
public class CertificateNumberSeries : ITenantOwned
{
    public Guid TenantId { get; set; }
    public int Year { get; set; }
    public int LastSequence { get; set; }
}
