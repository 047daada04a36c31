using IntroProgram.Domain.Participants;
using IntroProgram.Domain.Programme;

namespace IntroProgram.Domain.Certificates;

public static class CertificateErrors
{
    public const string NoProgrammeStart = "certificate.no-programme-start";
    public const string NorwegianHoursMissing = "certificate.norwegian-hours-missing";
    public const string SocialStudiesHoursMissing = "certificate.social-studies-hours-missing";
    public const string ProgrammeNotEnded = "certificate.programme-not-ended";
    public const string AlreadyIssued = "certificate.already-issued";
    public const string AlreadyRevoked = "certificate.already-revoked";
    public const string RevocationReasonRequired = "certificate.revocation-reason-required";
    public const string RevocationReasonTooLong = "certificate.revocation-reason-too-long";
}

/// <summary>Whether a certificate may be issued, and if not, why and how many hours are missing.</summary>
public sealed record CertificateEligibility(
    CertificateKind Kind,
    IReadOnlyList<string> Refusals,
    decimal NorwegianHoursMissing,
    decimal SocialStudiesHoursMissing)
{
    public bool IsEligible => Refusals.Count == 0;
}

public static class CertificateRules
{
    public const int RevocationReasonMaxLength = 500;

    /// <summary>
    /// The permanent-residence evidence needs the rule set's Norwegian and social-studies hours, counting only hours
    /// dated on or before the evidence deadline (leave already moved it). Pass those sums, not the all-time totals.
    /// Extra Norwegian hours are a separate category and do not count towards the requirement.
    /// </summary>
    public static CertificateEligibility Evidence(
        DateOnly? programmeStart, decimal norwegianWithinDeadline, decimal socialStudiesWithinDeadline, RuleSet ruleSet)
    {
        var refusals = new List<string>();
        if (programmeStart is null)
        {
            refusals.Add(CertificateErrors.NoProgrammeStart);
        }
        var norwegianMissing = Math.Max(0m, ruleSet.NorwegianHoursRequired - norwegianWithinDeadline);
        var socialMissing = Math.Max(0m, ruleSet.SocialStudiesHoursRequired - socialStudiesWithinDeadline);
        if (norwegianMissing > 0m)
        {
            refusals.Add(CertificateErrors.NorwegianHoursMissing);
        }
        if (socialMissing > 0m)
        {
            refusals.Add(CertificateErrors.SocialStudiesHoursMissing);
        }
        return new CertificateEligibility(CertificateKind.PermanentResidenceEvidence, refusals, norwegianMissing, socialMissing);
    }

    /// <summary>A participation certificate is issued once the programme has ended: completed, stopped or left.</summary>
    public static CertificateEligibility Participation(ParticipantStatus status, DateOnly? endedOn)
    {
        var ended = status is ParticipantStatus.Completed or ParticipantStatus.Stopped or ParticipantStatus.Exited && endedOn is not null;
        return new CertificateEligibility(CertificateKind.Participation, ended ? [] : [CertificateErrors.ProgrammeNotEnded], 0m, 0m);
    }

    public static IReadOnlyList<string> ValidateRevocation(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return [CertificateErrors.RevocationReasonRequired];
        }
        return reason.Trim().Length > RevocationReasonMaxLength ? [CertificateErrors.RevocationReasonTooLong] : [];
    }
}
