using IntroProgram.Domain.Certificates;
using IntroProgram.Domain.Decisions;
using IntroProgram.Domain.Participants;

namespace IntroProgram.Infrastructure.Certificates;

/// <summary>One test result as the participation certificate lists it.</summary>
public sealed record CertificateTest(TestKind Kind, DateOnly TakenOn, CefrLevel? Reading, CefrLevel? Listening,
    CefrLevel? Writing, CefrLevel? Oral, bool? Passed);

/// <summary>Everything printed on a certificate. The template turns it into HTML; nothing else is read while rendering.</summary>
public sealed record CertificateDocument
{
    public required CertificateKind Kind { get; init; }
    /// <summary>A preview carries no number and says on every page that it is not valid.</summary>
    public required bool IsPreview { get; init; }
    public required string Number { get; init; }
    public required string MunicipalityName { get; init; }
    public required string MunicipalityNumber { get; init; }
    public required string HolderName { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string NationalId { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required string IssuerName { get; init; }
    public string? IssuerTitle { get; init; }
    public DateOnly? ProgrammeStart { get; init; }
    public DateOnly? ProgrammeEnd { get; init; }
    public DateOnly? EvidenceDeadline { get; init; }
    public ParticipantStatus? Outcome { get; init; }
    public required decimal NorwegianHours { get; init; }
    public required decimal NorwegianHoursRequired { get; init; }
    public required decimal SocialStudiesHours { get; init; }
    public required decimal SocialStudiesHoursRequired { get; init; }
    public decimal? ExtraNorwegianHours { get; init; }
    public decimal? CareerGuidanceHours { get; init; }
    public decimal? WorkOrientedHours { get; init; }
    public decimal? EducationOrientedHours { get; init; }
    public IReadOnlyList<CertificateTest> Tests { get; init; } = [];
    public required string VerificationUrl { get; init; }
    /// <summary>The QR code of <see cref="VerificationUrl"/> as a PNG data URI, so the page loads nothing.</summary>
    public required string QrCodeDataUri { get; init; }
}

/// <summary>Renders a certificate's HTML; the web project implements it with a Razor view.</summary>
public interface ICertificateTemplate
{
    Task<string> RenderAsync(CertificateDocument document, CancellationToken ct = default);
}
